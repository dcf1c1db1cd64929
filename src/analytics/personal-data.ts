import type { PersonalDataDeclaration } from '../platform/personal-data.js';

/** Analysis holds open data and partner event records without names: category, date and a map point. */
export const analyticsPersonalData: PersonalDataDeclaration = {
  tables: [],
  outOfScope: [
    {
      table: 'analytics_records',
      reason: 'police.uk open data and partner events: category, month or date, and an anonymised map point',
    },
    { table: 'analytics_assets', reason: 'CCTV cameras and street lights' },
    { table: 'analytics_areas', reason: 'small-area boundaries' },
    { table: 'analytics_sources', reason: 'partner data sources and their column matching' },
    {
      table: 'analytics_imports',
      reason: 'counts of each import; user_id and user_label name the staff member',
    },
    {
      table: 'analytics_profiles',
      reason: 'problem profiles about places and patterns; the author is a staff member',
    },
  ],
};
