import type { DemoSeedContext } from '../platform/module.js';
import { PartnershipRepository } from '../partnership/repository.js';
import { NteRepository } from './repository.js';
import { nteSettingsSchema } from './window.js';

/** The demo partnership's licensing team is told when a premises changes colour. */
export async function seedNteDemo(ctx: DemoSeedContext): Promise<void> {
  const { deps, partnershipId } = ctx;
  const team = await new PartnershipRepository(deps.db, deps.clock).teamByCode(partnershipId, 'PP');
  const settings = nteSettingsSchema.parse({
    licensingTeamEmail: team?.email ?? 'licensing@demo.asbhub.example',
  });
  await new NteRepository(deps.db).saveSettings(
    deps.db,
    partnershipId,
    JSON.stringify(settings),
    deps.clock.iso(),
    null,
  );
}
