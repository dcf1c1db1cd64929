export type Rag = 'red' | 'amber' | 'green';
export const RAGS: readonly Rag[] = ['red', 'amber', 'green'];

export interface PlansTable {
  id: string;
  partnership_id: string;
  year: number;
  title: string;
  /** JSON: the plan's themes, in order. */
  themes: string;
  copied_from: string | null;
  created_at: string;
}

export interface PlanActionsTable {
  id: string;
  partnership_id: string;
  plan_id: string;
  number: number;
  theme: string | null;
  title: string;
  /** The owning teams as the plan writes them (e.g. "CoLC CCS & CoLP"). */
  owner: string;
  lead_officer_id: string | null;
  lead_officer_name: string | null;
  /** YYYY-MM-DD */
  target_date: string | null;
  progress: string;
  impact: string;
  rag: Rag;
  rag_reason: string;
  /** The live figure shown as this action's evidence (a key of the figure registry). */
  figure_key: string | null;
  /** The owner's target for that figure: crossing it suggests a status change. */
  figure_target: number | null;
  /** The action of last year's plan this one was carried over from. */
  carried_from: string | null;
  updated_at: string;
}

export interface PlanProgressTable {
  id: string;
  partnership_id: string;
  action_id: string;
  note: string;
  user_id: string | null;
  user_name: string | null;
  created_at: string;
}

export interface PlanStatusChangesTable {
  id: string;
  partnership_id: string;
  action_id: string;
  from_rag: Rag | null;
  to_rag: Rag;
  reason: string;
  user_id: string | null;
  user_name: string | null;
  changed_at: string;
}

export interface PlanBoardsTable {
  id: string;
  partnership_id: string;
  /** YYYY-MM-DD */
  met_on: string;
  recorded_by: string | null;
  created_at: string;
}

export interface PlanImportsTable {
  id: string;
  partnership_id: string;
  plan_id: string;
  file_name: string;
  /** JSON: the changes the dry run listed. */
  changes: string;
  user_id: string | null;
  created_at: string;
  applied_at: string | null;
}

export interface TransparencyPublicationsTable {
  id: string;
  partnership_id: string;
  published_at: string;
  published_by_id: string | null;
  published_by_name: string;
  /** JSON: the sections published, with small numbers already hidden. */
  content: string;
}

declare module '../platform/db/schema.js' {
  interface Database {
    plans: PlansTable;
    plan_actions: PlanActionsTable;
    plan_progress: PlanProgressTable;
    plan_status_changes: PlanStatusChangesTable;
    plan_boards: PlanBoardsTable;
    plan_imports: PlanImportsTable;
    transparency_publications: TransparencyPublicationsTable;
  }
}
