/** The night-time economy's scheduled work: the Monday pack, and notices when a premises changes colour. */
import type { AppDeps } from '../platform/module.js';
import type { Executor } from '../platform/audit/service.js';
import { registerJobHandler, registerRecurringJob } from '../platform/jobs.js';
import { nextLondonTime } from '../platform/dates/index.js';
import { queueMessage } from '../platform/notifications.js';
import { UserRepository } from '../platform/auth/users.js';
import { onColourChange, type ColourChange } from '../premises/colours.js';
import { NteRepository } from './repository.js';
import { NteService } from './service.js';
import { lastEndedWeekend, nteSettingsSchema } from './window.js';

export const MONDAY_PACK_JOB = 'nte.monday-pack';

/** Issues the pack for the weekend just ended, unless one is already issued (a retried job issues nothing twice). */
export async function issueMondayPack(deps: AppDeps, partnershipId: string) {
  const service = new NteService(deps);
  const friday = lastEndedWeekend(deps.clock.iso(), await service.settings(partnershipId));
  return (
    (await service.latest(partnershipId, 'weekend', friday)) ??
    service.issue(partnershipId, 'weekend', friday, null)
  );
}

registerJobHandler(MONDAY_PACK_JOB, async (deps, payload) => {
  await issueMondayPack(deps, String(payload.partnershipId));
});
// Daily at 06:00 London: Monday's run issues the weekend's pack, Tuesday's the pack of a weekend run on by a bank holiday.
registerRecurringJob(MONDAY_PACK_JOB, (after) => nextLondonTime(after, '06:00'));

/** Tells the licensing team and the premises' named officer, through the outbox, inside the change's transaction. */
export async function notifyColourChange(trx: Executor, deps: AppDeps, c: ColourChange): Promise<void> {
  const saved = await new NteRepository(deps.db).settings(c.partnershipId, trx);
  const settings = nteSettingsSchema.parse(saved ? JSON.parse(saved) : {});
  const officer = c.officerUserId
    ? await new UserRepository(trx as never, deps.clock).findById(c.officerUserId)
    : undefined;
  const to = [settings.licensingTeamEmail, officer && !officer.disabled ? officer.email : undefined].filter(
    (e): e is string => Boolean(e),
  );
  for (const recipient of new Set(to))
    await queueMessage(trx, deps.clock, {
      partnershipId: c.partnershipId,
      channel: 'email',
      recipient,
      template: 'premises-colour-change',
      subject: `${c.premisesName} is now ${c.to} under the Traffic Light Scheme`,
      body: `${c.premisesName} changed from ${c.from} to ${c.to} on ${c.on}.\n\n${c.reason}\n\nThe premises page: /premises/${c.premisesId}\n`,
      relatedType: 'premises',
      relatedId: c.premisesId,
    });
}

onColourChange(notifyColourChange);
