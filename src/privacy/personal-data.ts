import type { PersonalDataDeclaration } from '../platform/personal-data.js';

/** The privacy module's own tables: subject access requests hold the requester's name and contact. */
export const privacyPersonalData: PersonalDataDeclaration = {
  recordTypes: [
    {
      code: 'subject-access',
      label: 'Subject access request',
      table: 'privacy_sar_requests',
      trigger: { column: 'closed_on', label: 'request closed' },
      defaultYears: 2,
      defaultAction: 'anonymise',
      lawfulBasis: 'UK GDPR Art. 6(1)(c) legal obligation (Art. 15; DPA 2018 s.45)',
    },
  ],
  tables: [
    {
      table: 'privacy_sar_requests',
      holds: 'who asked for their data, how to reach them, and the statutory dates',
      recordType: 'subject-access',
      link: { self: true },
      personal: { requester_name: 'redact', requester_contact: 'null', extension_reason: 'null' },
      other: [
        'id',
        'partnership_id',
        'reference',
        'received_on',
        'due_on',
        'law_enforcement',
        'extended_to',
        'extension_told_on',
        'person_id',
        'status',
        'reviewed_at',
        'exported_at',
        'closed_on',
        'created_at',
      ],
      staff: ['exported_by', 'created_by', 'reviewed_by'],
      subjectColumns: ['person_id'],
    },
  ],
  outOfScope: [
    { table: 'privacy_schedules', reason: 'retention periods' },
    {
      table: 'privacy_holds',
      reason: 'legal holds: record ids, the legal reason and the staff member who placed them',
    },
    { table: 'privacy_retention_runs', reason: 'counts and record ids of each retention run' },
    {
      table: 'privacy_retention_done',
      reason: 'record ids retention has dealt with, and file paths named by ids',
    },
    { table: 'privacy_sar_records', reason: 'which person record ids the DPO confirmed for a request' },
    { table: 'privacy_sar_redactions', reason: 'which table, row and column to redact in an export' },
  ],
};
