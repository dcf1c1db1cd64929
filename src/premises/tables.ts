export interface PremisesTable {
  id: string;
  partnership_id: string;
  name: string;
  address: string;
  postcode: string | null;
  lat: number | null;
  lng: number | null;
  licence_ref: string | null;
  licence_type: string;
  hours: string | null;
  created_at: string;
  /** When the premises was first licensed (YYYY-MM-DD): points dated earlier are refused. */
  licensed_from?: string | null;
  /** The licensing officer named for the premises (told when its colour changes). */
  officer_user_id?: string | null;
}

/** A change of Traffic Light colour, kept as history (seen by those who may read premises). */
export interface PremisesColourChangesTable {
  id: string;
  partnership_id: string;
  premises_id: string;
  from_band: string | null;
  to_band: string;
  total: number;
  reason: string;
  changed_on: string;
  created_at: string;
}

export interface PremisesItemsTable {
  id: string;
  partnership_id: string;
  premises_id: string;
  kind: 'penalty' | 'credit';
  type: string;
  occurred_on: string;
  summary: string | null;
  points: number | null;
  points_reason: string | null;
  source_type: string | null;
  source_id: string | null;
  recorded_by: string | null;
  created_at: string;
}

declare module '../platform/db/schema.js' {
  interface Database {
    premises: PremisesTable;
    premises_items: PremisesItemsTable;
    premises_colour_changes: PremisesColourChangesTable;
  }
}
