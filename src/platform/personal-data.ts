/**
 * The personal-data contract: each module declares, about its own tables, which columns hold personal
 * data, how a row belongs to a record (a report, a case...), what retention does to it and which
 * person it is about. The privacy module reads these declarations to run retention, subject access
 * exports and the records of processing; a test walks the real schema and fails on any table or
 * column that is neither declared nor listed as out of scope with a reason.
 *
 * Declarations are data so that a lower module never has to import the privacy module.
 */

/** What anonymising does to one personal column. */
export type Scrub =
  /** set to null (the column must allow null) */
  | 'null'
  /** replaced by the text "[removed]" where it held something (for text columns that must not be null) */
  | 'redact'
  /** replaced by an empty JSON object, "{}" */
  | 'empty-json'
  /** a postcode cut to its outward code (EC2Y 8DS becomes EC2Y): area figures stay true */
  | 'postcode-district';

/** How the rows of a table belong to a record (the record type's own table is `{ self: true }`). */
export type RecordLink =
  | { self: true }
  /** the column holds the record's id */
  | { column: string }
  /** the column holds the id of a row of `via.table`, whose `via.column` holds the record's id */
  | { column: string; via: { table: string; column: string } }
  /** the column holds a record id whose type is named by another column (e.g. source_type, source_id) */
  | { column: string; typeColumn: string; types: Record<string, string> };

export interface PersonalDataTable {
  table: string;
  /** What the table holds, in words for the records of processing. */
  holds: string;
  /** The record type its rows belong to (ignored for a `types` link, which names them per row). */
  recordType: string;
  link: RecordLink;
  /** Personal columns and what anonymising does to each. */
  personal: Record<string, Scrub>;
  /** Every other column: ids, dates, codes and counts that identify no one on their own. */
  other: string[];
  /** Staff who did the work (author, assignee): personal data of staff, kept for accountability. */
  staff?: string[];
  /** Retention deletes the row instead of anonymising it (photos, documents). */
  deleteOnRetention?: boolean;
  /** Columns holding the person id a row is about: in a subject access export, rows about anyone else are third-party data. */
  subjectColumns?: string[];
  /** A file on disk the row stands for: removed by retention, listed in an export. */
  file?: (uploadDir: string, row: Record<string, unknown>) => string;
}

export interface RecordTypeDeclaration {
  code: string;
  label: string;
  /** The record's own table (one row per record; its id is the record's id). */
  table: string;
  /** The column whose date starts the retention clock, and what it means. */
  trigger: { column: string; label: string };
  /** Kept however old while this column holds one of these values (an open case). */
  openWhen?: { column: string; values: string[] };
  /** A column naming the team that holds the record: its agency's schedule applies. */
  teamColumn?: string;
  defaultYears: number;
  /** `keep`: the record type is listed but never removed automatically (e.g. the audit log). */
  defaultAction: 'anonymise' | 'delete' | 'keep';
  lawfulBasis: string;
  /** Police law-enforcement processing (DPA 2018 Part 3): subject access cannot be extended. */
  lawEnforcement?: boolean;
}

/**
 * A record of another type kept while a record of this module is open: e.g. a report stays while a
 * case it is linked to is open. `table.column` holds the kept record's id, `table.openColumn` the id
 * of the record (of `whileOpen` type) that keeps it.
 */
export interface RetentionKeep {
  recordType: string;
  whileOpen: string;
  table: string;
  column: string;
  openColumn: string;
  reason: string;
}

export interface PersonalDataDeclaration {
  recordTypes?: RecordTypeDeclaration[];
  tables: PersonalDataTable[];
  keeps?: RetentionKeep[];
  /** Tables of the module holding no personal data, each with why. */
  outOfScope?: { table: string; reason: string }[];
}
