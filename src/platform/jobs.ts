import type { AppDeps } from './module.js';
import { newId } from './db/ids.js';
import type { Executor } from './audit/service.js';
import { deliverOutbox } from './notifications.js';

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

/** Polls the jobs table and the outbox in-process; returns a stop function. */
export function startJobRunner(deps: AppDeps, jobs: JobHandlers = handlers, everyMs = 5000): () => void {
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
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
