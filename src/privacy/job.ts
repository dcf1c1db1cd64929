import { enqueueJob, registerJobHandler } from '../platform/jobs.js';
import type { AppDeps } from '../platform/module.js';
import { RetentionService } from './retention-service.js';

export const RETENTION_JOB = 'privacy.retention';

/** The next 02:00 UTC after now: the daily run, when the service is quiet. */
export function nextRunAt(now: Date): string {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/** Makes sure each partnership has its next daily retention run queued. */
export async function scheduleRetention(deps: AppDeps): Promise<void> {
  const partnerships = await deps.db.selectFrom('partnerships').select('id').execute();
  for (const p of partnerships) {
    const queued = await deps.db
      .selectFrom('jobs')
      .select('id')
      .where('partnership_id', '=', p.id)
      .where('kind', '=', RETENTION_JOB)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (!queued)
      await enqueueJob(
        deps.db,
        deps.clock,
        p.id,
        RETENTION_JOB,
        { partnershipId: p.id },
        nextRunAt(deps.clock.now()),
      );
  }
}

registerJobHandler(RETENTION_JOB, async (deps, payload) => {
  const partnershipId = String(payload.partnershipId);
  await new RetentionService(deps).run(partnershipId, { requestedBy: 'daily job' });
  await enqueueJob(
    deps.db,
    deps.clock,
    partnershipId,
    RETENTION_JOB,
    { partnershipId },
    nextRunAt(deps.clock.now()),
  );
});
