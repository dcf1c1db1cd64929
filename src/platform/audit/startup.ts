import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../module.js';
import { startCheckpoints, verifyAuditIntegrity, writeCheckpoint } from './checkpoints.js';

export class AuditIntegrityError extends Error {}

/**
 * At start-up the audit chain is verified against its last signed checkpoint. When it fails, the
 * service refuses to start (AUDIT_ON_BROKEN=refuse, the default) or starts read-only with a banner
 * on every staff page (read-only). When it holds, a checkpoint is written now and on a schedule.
 * Returns the stop function of the checkpoint schedule (null when read-only).
 */
export async function auditStartupCheck(
  app: FastifyInstance,
  deps: AppDeps,
): Promise<(() => Promise<void>) | null> {
  const report = await verifyAuditIntegrity(deps);
  if (report.ok) {
    await writeCheckpoint(deps);
    return startCheckpoints(deps);
  }
  const message = `Audit log failed its integrity check: ${report.problem}`;
  if (deps.config.auditOnBroken === 'refuse')
    throw new AuditIntegrityError(
      `${message}. ASB Hub will not start; run "asbhub audit verify" for the details, or set AUDIT_ON_BROKEN=read-only to start read-only while it is investigated.`,
    );
  deps.log.fatal({ brokenSeq: report.brokenSeq }, `${message}. STARTING READ-ONLY.`);
  app.readOnlyReason = report.problem.charAt(0).toUpperCase() + report.problem.slice(1);
  return null;
}
