/** Hate incidents (including offensive graffiti) are answered within a day whatever the category's target. */
export const HATE_SLA_HOURS = 24;

export function slaHoursFor(categorySlaHours: number, hateIncident: boolean): number {
  return hateIncident ? Math.min(categorySlaHours, HATE_SLA_HOURS) : categorySlaHours;
}

/** When a report is due: its creation time plus the service-level target in hours. */
export function dueAt(createdAtIso: string, slaHours: number): string {
  return new Date(new Date(createdAtIso).getTime() + slaHours * 3_600_000).toISOString();
}

export function isOverdue(r: { state_kind: string; due_at: string }, nowIso: string): boolean {
  return r.state_kind === 'open' && r.due_at < nowIso;
}

/** Whole hours from one time to another (for time-to-clear). */
export const hoursBetween = (fromIso: string, toIso: string): number =>
  (new Date(toIso).getTime() - new Date(fromIso).getTime()) / 3_600_000;

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
