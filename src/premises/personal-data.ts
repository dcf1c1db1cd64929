import type { PersonalDataDeclaration } from '../platform/personal-data.js';

/** Licensed premises are businesses; an item raised from a report may quote it. */
export const premisesPersonalData: PersonalDataDeclaration = {
  tables: [
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
    { table: 'premises_colour_changes', reason: 'Traffic Light band changes of a licensed premises and why' },
  ],
};
