import type { AppDeps } from './module.js';
import { newId } from './db/ids.js';
import type { Executor } from './audit/service.js';
import { deliverOutbox } from './notifications.js';
import { SessionStore } from './auth/sessions.js';

export type JobHandler = (deps: AppDeps, payload: Record<string, unknown>) => Promise<void>;
/** The job kinds an app runs, bound to its services by the composition root (AppModule.jobs). */
export type JobHandlers = ReadonlyMap<string, JobHandler>;

const handlers = new Map<string, JobHandler>();

/**
 * Registers a job kind for every app in the process. Prefer `AppModule.jobs`, which runs with the
 * services built at start-up; this stays for handlers that need only the deps.
 */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

/** A job that runs again and again (a daily or weekly job), one queued run per partnership. */
const recurring = new Map<string, (afterIso: string) => string>();

/** Registers a recurring job kind: `nextRunAt` gives the run after a time (its handler receives { partnershipId }). */
export function registerRecurringJob(kind: string, nextRunAt: (afterIso: string) => string): void {
  recurring.set(kind, nextRunAt);
}

/** Queues the next run of every recurring job for each partnership that has none queued; returns how many. */
export async function scheduleRecurringJobs(deps: AppDeps): Promise<number> {
  if (!recurring.size) return 0;
  const [partnerships, pending] = await Promise.all([
    deps.db.selectFrom('partnerships').select('id').execute(),
    deps.db
      .selectFrom('jobs')
      .select(['partnership_id', 'kind'])
      .where('kind', 'in', [...recurring.keys()])
      .where('status', 'in', ['queued', 'running'])
      .execute(),
  ]);
  const have = new Set(pending.map((j) => `${j.partnership_id}|${j.kind}`));
  let queued = 0;
  for (const p of partnerships)
    for (const [kind, nextRunAt] of recurring) {
      if (have.has(`${p.id}|${kind}`)) continue;
      await enqueueJob(deps.db, deps.clock, p.id, kind, { partnershipId: p.id }, nextRunAt(deps.clock.iso()));
      queued++;
    }
  return queued;
}

export async function enqueueJob(
  db: Executor,
  clock: { iso(): string },
  partnershipId: string,
  kind: string,
  payload: Record<string, unknown> = {},
  runAt?: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('jobs')
    .values({
      id,
      partnership_id: partnershipId,
      kind,
      payload: JSON.stringify(payload),
      status: 'queued',
      run_at: runAt ?? clock.iso(),
      last_error: null,
      created_at: clock.iso(),
      finished_at: null,
    })
    .execute();
  return id;
}

/** Runs the due jobs once; returns how many ran. A failing job is retried with back-off, up to 5 times. */
export async function runDueJobs(deps: AppDeps, limit = 20, jobs: JobHandlers = handlers): Promise<number> {
  const due = await deps.db
    .selectFrom('jobs')
    .selectAll()
    .where('status', '=', 'queued')
    .where('run_at', '<=', deps.clock.iso())
    .orderBy('run_at')
    .limit(limit)
    .execute();
  for (const job of due) {
    const claimed = await deps.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: job.attempts + 1 })
      .where('id', '=', job.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const handler = jobs.get(job.kind) ?? handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(deps, JSON.parse(job.payload));
      await deps.db
        .updateTable('jobs')
        .set({ status: 'done', finished_at: deps.clock.iso(), last_error: null })
        .where('id', '=', job.id)
        .execute();
    } catch (err) {
      const attempts = job.attempts + 1;
      const retryAt = new Date(deps.clock.now().getTime() + 2 ** attempts * 60_000).toISOString();
      await deps.db
        .updateTable('jobs')
        .set({
          status: attempts >= 5 ? 'failed' : 'queued',
          run_at: retryAt,
          last_error: String((err as Error).message).slice(0, 500),
        })
        .where('id', '=', job.id)
        .execute();
      deps.log.warn({ job: job.kind, attempts }, 'job failed');
    }
  }
  return due.length;
}

const HOUSEKEEPING_MS = 15 * 60_000;

/** Periodic clean-up: expired sessions are deleted (they hold who was signed in, from where). */
export async function runHousekeeping(deps: AppDeps): Promise<{ sessionsDeleted: number }> {
  const sessionsDeleted = await new SessionStore(deps.db, deps.clock).purgeExpired();
  if (sessionsDeleted) deps.log.info({ sessionsDeleted }, 'expired sessions deleted');
  return { sessionsDeleted };
}

/** Polls the jobs table and the outbox in-process, and runs housekeeping every 15 minutes; returns a stop function. */
export function startJobRunner(deps: AppDeps, jobs: JobHandlers = handlers, everyMs = 5000): () => void {
  let busy = false;
  let lastHousekeeping = 0;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      if (Date.now() - lastHousekeeping >= HOUSEKEEPING_MS) {
        lastHousekeeping = Date.now();
        await runHousekeeping(deps);
      }
      await scheduleRecurringJobs(deps);
      await runDueJobs(deps, 20, jobs);
      await deliverOutbox(deps);
    } catch (err) {
      deps.log.error({ err: (err as Error).message }, 'job runner error');
    } finally {
      busy = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
