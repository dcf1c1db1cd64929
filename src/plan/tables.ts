export type Rag = 'red' | 'amber' | 'green';

export interface PlanActionsTable {
  id: string;
  partnership_id: string;
  number: number;
  theme: string | null;
  title: string;
  owner: string;
  progress: string;
  impact: string;
  rag: Rag;
  updated_at: string;
}

export interface PlanUpdatesTable {
  id: string;
  partnership_id: string;
  action_id: string;
  rag: Rag;
  note: string;
  user_id: string | null;
  user_name: string | null;
  created_at: string;
}

declare module '../platform/db/schema.js' {
  interface Database {
    plan_actions: PlanActionsTable;
    plan_updates: PlanUpdatesTable;
  }
}
