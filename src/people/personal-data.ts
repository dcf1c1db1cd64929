import type { PersonalDataDeclaration } from '../platform/personal-data.js';

const RECORD_SOURCES = { report: 'report', call: 'report', case: 'case', 'case-review': 'case-review' };

/**
 * People: a person record is part of the report, case or Case Review it came from and is anonymised
 * with it; a person whose every record is anonymised is renamed by `anonymiseEmptyPersons`.
 */
export const peoplePersonalData: PersonalDataDeclaration = {
  recordTypes: [
    {
      code: 'person',
      label: 'Person',
      table: 'persons',
      trigger: { column: 'updated_at', label: 'every record of the person anonymised' },
      defaultYears: 6,
      defaultAction: 'keep',
      lawfulBasis:
        'UK GDPR Art. 6(1)(e) public task (Crime and Disorder Act 1998 s.17; ASB, Crime and Policing Act 2014): finding repeat victims and perpetrators',
    },
  ],
  tables: [
    {
      table: 'persons',
      holds: 'one row per person: the name shown',
      recordType: 'person',
      link: { self: true },
      personal: { display_name: 'redact', restriction_reason: 'null' },
      other: ['id', 'partnership_id', 'created_at', 'updated_at', 'merged_into', 'restricted_at'],
      staff: ['restricted_by'],
      subjectColumns: ['id'],
    },
    {
      table: 'person_records',
      holds: 'each name, date of birth, phone, email and address a person was recorded with, and where',
      recordType: 'person',
      link: { column: 'source_id', typeColumn: 'source_type', types: RECORD_SOURCES },
      personal: {
        given_name: 'null',
        surname: 'null',
        dob: 'null',
        phone: 'null',
        phone_e164: 'null',
        email: 'null',
        address: 'null',
        postcode: 'postcode-district',
        uprn: 'null',
      },
      other: [
        'id',
        'partnership_id',
        'person_id',
        'source_type',
        'source_id',
        'role',
        'team_id',
        'link_band',
        'link_weight',
        'created_at',
      ],
      subjectColumns: ['person_id'],
    },
    {
      table: 'person_corrections',
      holds: 'corrections to a person record: the old and new value, the reason and who made it',
      recordType: 'person',
      link: { column: 'source_id', typeColumn: 'source_type', types: RECORD_SOURCES },
      personal: { old_value: 'null', new_value: 'null', reason: 'redact' },
      other: [
        'id',
        'partnership_id',
        'person_id',
        'record_id',
        'source_type',
        'source_id',
        'field',
        'corrected_at',
      ],
      staff: ['corrected_by'],
      subjectColumns: ['person_id'],
    },
  ],
  outOfScope: [
    {
      table: 'possible_matches',
      reason: 'pairs of record ids with match scores; the explanation holds weights, not values',
    },
    { table: 'people_settings', reason: 'repeat-flag thresholds' },
    { table: 'people_relink_runs', reason: 'counts of a re-link run; requested_by is a staff id' },
  ],
};
