import type { PersonalDataDeclaration } from '../platform/personal-data.js';

/** The Monday night-time-economy pack: a snapshot of the weekend's incidents, which may quote reports. */
export const ntePersonalData: PersonalDataDeclaration = {
  recordTypes: [
    {
      code: 'nte-pack',
      label: 'Night-time economy pack',
      table: 'nte_packs',
      trigger: { column: 'issued_at', label: 'pack issued' },
      defaultYears: 6,
      defaultAction: 'delete',
      lawfulBasis: 'UK GDPR Art. 6(1)(e) public task (Crime and Disorder Act 1998 s.17; Licensing Act 2003)',
    },
  ],
  tables: [
    {
      table: 'nte_packs',
      holds: 'the weekend’s incidents, noise complaints and premises, as issued',
      recordType: 'nte-pack',
      link: { self: true },
      personal: { snapshot: 'empty-json' },
      other: ['id', 'partnership_id', 'kind', 'period', 'version', 'title', 'issued_at'],
      staff: ['issued_by', 'issued_by_label'],
      deleteOnRetention: true,
    },
  ],
  outOfScope: [{ table: 'nte_settings', reason: 'which categories and hours the pack covers' }],
};
