import type { PersonalDataDeclaration } from '../platform/personal-data.js';

export const planPersonalData: PersonalDataDeclaration = {
  tables: [],
  outOfScope: [
    { table: 'plan_actions', reason: 'the partnership’s action plan: owners are agencies' },
    {
      table: 'plan_updates',
      reason: 'progress notes on plan actions; user_id and user_name name the staff author',
    },
  ],
};
