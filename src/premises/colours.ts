/**
 * Traffic Light colour history. Whenever a premises' colour is worked out afresh (the daily job, or
 * straight after an entry is recorded) a change from the last recorded colour is kept, with the
 * reason, and handed to the listeners (the night-time economy module queues the notices) inside
 * the same transaction.
 */
import type { AppDeps } from '../platform/module.js';
import type { Executor } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { londonTime } from '../platform/web/views.js';
import { registerJobHandler, registerRecurringJob } from '../platform/jobs.js';
import { nextLondonTime } from '../platform/dates/index.js';
import { PremisesRepository } from './repository.js';
import { PremisesService, type RankedPremises } from './service.js';
import type { Band } from './rules/traffic-light.js';
import type { PremisesColourChangesTable } from './tables.js';

export interface ColourChange {
  partnershipId: string;
  premisesId: string;
  premisesName: string;
  officerUserId: string | null;
  from: Band;
  to: Band;
  total: number;
  reason: string;
  on: string;
}

export type ColourChangeListener = (trx: Executor, deps: AppDeps, change: ColourChange) => Promise<void>;
const listeners: ColourChangeListener[] = [];

/** A higher module (night-time economy) registers what happens on a change: notices through the outbox. */
export function onColourChange(listener: ColourChangeListener): void {
  listeners.push(listener);
}

const RANK: Record<Band, number> = { green: 0, amber: 1, red: 2 };

function reasonFor(p: RankedPremises, from: Band, today: string): string {
  const worse = RANK[p.result.band] > RANK[from];
  const expiredToday = p.result.items.filter((i) => i.expiresOn === today);
  const cause = worse
    ? 'new entries on its Traffic Light record'
    : expiredToday.length
      ? `${expiredToday.length} ${expiredToday.length === 1 ? 'entry' : 'entries'} expired on ${today}`
      : 'points expiring or credits recorded';
  return `${from} to ${p.result.band} because of ${cause}. ${p.result.summary}`;
}

/**
 * Works out every premises' colour for today and records the changes; returns them. The first
 * time a premises is seen its colour is recorded as a starting point, not a change.
 */
export async function refreshColours(deps: AppDeps, partnershipId: string): Promise<ColourChange[]> {
  const repo = new PremisesRepository(deps.db);
  const today = londonTime(deps.clock.iso(), 'yyyy-MM-dd');
  const ranked = await new PremisesService(deps).ranked(partnershipId);
  return deps.db.transaction().execute(async (trx) => {
    const last = await repo.lastColours(trx, partnershipId);
    const rows: PremisesColourChangesTable[] = [];
    const changes: ColourChange[] = [];
    for (const p of ranked) {
      const before = last.get(p.id) as Band | undefined;
      if (before === p.result.band) continue;
      const reason = before ? reasonFor(p, before, today) : `First colour recorded. ${p.result.summary}`;
      rows.push({
        id: newId(),
        partnership_id: partnershipId,
        premises_id: p.id,
        from_band: before ?? null,
        to_band: p.result.band,
        total: p.result.total,
        reason,
        changed_on: today,
        created_at: deps.clock.iso(),
      });
      if (before)
        changes.push({
          partnershipId,
          premisesId: p.id,
          premisesName: p.name,
          officerUserId: p.officer_user_id ?? null,
          from: before,
          to: p.result.band,
          total: p.result.total,
          reason,
          on: today,
        });
    }
    await repo.insertColourChanges(trx, rows);
    for (const c of changes) for (const l of listeners) await l(trx, deps, c);
    return changes;
  });
}

/** Colour changes on London dates from..to, newest first (optionally for one premises). */
export function colourChanges(
  deps: AppDeps,
  partnershipId: string,
  fromDate: string,
  toDate: string,
  premisesId?: string,
) {
  return new PremisesRepository(deps.db).colourChanges(partnershipId, fromDate, toDate, premisesId);
}

export const COLOUR_JOB = 'premises.colours';

/** The daily job: points that expired overnight can change a colour with nobody recording anything. */
registerJobHandler(COLOUR_JOB, async (deps, payload) => {
  await refreshColours(deps, String(payload.partnershipId));
});
registerRecurringJob(COLOUR_JOB, (after) => nextLondonTime(after, '00:05'));
