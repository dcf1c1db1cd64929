import type { PersonalDataDeclaration } from '../platform/personal-data.js';

export const planPersonalData: PersonalDataDeclaration = {
  tables: [],
  outOfScope: [
    { table: 'plans', reason: 'the partnership’s plan for a year and its themes' },
    {
      table: 'plan_progress',
      reason: 'progress notes on plan actions; user_id and user_name name the staff author',
    },
    {
      table: 'plan_status_changes',
      reason: 'RAG changes of plan actions with the reason; user_id and user_name name the staff member',
    },
    { table: 'plan_boards', reason: 'the dates the partnership board met; recorded_by is staff' },
    {
      table: 'plan_imports',
      reason: 'edited plan files and the changes to actions they held; user_id is staff',
    },
    {
      table: 'transparency_publications',
      reason: 'figures published on the public page (small numbers suppressed); the publisher is staff',
    },
    { table: 'plan_actions', reason: 'the partnership’s action plan: owners are agencies' },
    {
      table: 'plan_updates',
      reason: 'progress notes on plan actions; user_id and user_name name the staff author',
    },
  ],
};
