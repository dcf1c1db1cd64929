import type { PersonalDataDeclaration } from '../platform/personal-data.js';

/** Licensed premises are businesses; an item raised from a report may quote it. */
export const premisesPersonalData: PersonalDataDeclaration = {
  recordTypes: [
    {
      code: 'premises-intervention',
      label: 'Licensed premises intervention',
      table: 'premises_interventions',
      trigger: { column: 'closed_on', label: 'intervention closed' },
      defaultYears: 6,
      defaultAction: 'anonymise',
      lawfulBasis:
        'UK GDPR Art. 6(1)(e) public task (Licensing Act 2003 s.4 licensing objectives; Crime and Disorder Act 1998 s.17)',
    },
  ],
  tables: [
    {
      table: 'premises_interventions',
      holds:
        'advice, action plans, warnings and reviews with a licensed premises, and the named responsible person there',
      recordType: 'premises-intervention',
      link: { self: true },
      personal: { responsible_person: 'null', details: 'redact' },
      other: [
        'id',
        'partnership_id',
        'premises_id',
        'kind',
        'started_on',
        'review_on',
        'summary_review',
        'hearing_on',
        'outcome',
        'closed_on',
        'created_at',
      ],
      staff: ['recorded_by'],
    },
    {
      table: 'premises_items',
      holds: 'incidents and good practice recorded against a licensed premises',
      recordType: 'report',
      link: { column: 'source_id', typeColumn: 'source_type', types: { report: 'report' } },
      personal: { summary: 'null', points_reason: 'null' },
      other: [
        'id',
        'partnership_id',
        'premises_id',
        'kind',
        'type',
        'occurred_on',
        'points',
        'source_type',
        'source_id',
        'created_at',
      ],
      staff: ['recorded_by'],
    },
  ],
  outOfScope: [
    { table: 'premises', reason: 'licensed businesses: name, address, licence and hours' },
    {
      table: 'premises_visits',
      reason: 'licensing visits to a business: findings and conditions checked; the officer is staff',
    },
    { table: 'premises_colour_changes', reason: 'Traffic Light band changes of a licensed premises and why' },
  ],
};
