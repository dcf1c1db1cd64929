import type { Executor } from '../platform/audit/service.js';

/** A person record that has moved to another person, with what it was made from. */
export interface MovedRecord {
  recordId: string;
  sourceType: string;
  sourceId: string | null;
  role: string;
}

/**
 * A module that keeps person ids in its own tables says how they follow a merge. Declared here,
 * where merges happen, and implemented in each module's repository (reports, cases, Case Review,
 * meetings); the composition root hands the list to the people services. Every step runs in the
 * merge's transaction.
 */
export interface PersonReferenceHolder {
  /** Every column of the module holding a person id (a test checks that none is missed). */
  columns: readonly { table: string; column: string }[];
  /** Rows made from these records (now all `to`'s) take the record's new person. */
  followRecords(
    trx: Executor,
    partnershipId: string,
    to: string,
    records: readonly MovedRecord[],
  ): Promise<void>;
  /** Anything still naming `from`, now merged, names `to`. */
  repoint(trx: Executor, partnershipId: string, from: string, to: string): Promise<void>;
}

const CHUNK = 500;
/** Splits ids into lists short enough for one `in (...)` on either database. */
export function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}
