import type { AppDeps } from '../../platform/module.js';

/** How far ahead of our clock a partner system's clock may be. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Why a reported time cannot be right, or null: after now (beyond a small clock skew), or before the
 * partnership began (its settings' startDate, else the day it was set up in ASB Hub).
 */
export async function occurredAtProblem(
  deps: AppDeps,
  partnershipId: string,
  at: string,
): Promise<string | null> {
  const when = new Date(at).getTime();
  if (when > deps.clock.now().getTime() + CLOCK_SKEW_MS) return 'occurred.at must not be in the future';
  const row = await deps.db
    .selectFrom('partnerships')
    .select(['created_at', 'settings'])
    .where('id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) return null;
  let start = row.created_at;
  try {
    const configured = (JSON.parse(row.settings) as { startDate?: unknown }).startDate;
    if (typeof configured === 'string' && !Number.isNaN(new Date(configured).getTime())) start = configured;
  } catch {
    // settings unreadable: keep the set-up date
  }
  const startDay = start.slice(0, 10);
  return when < new Date(`${startDay}T00:00:00Z`).getTime()
    ? `occurred.at must not be before the partnership began (${startDay})`
    : null;
}
