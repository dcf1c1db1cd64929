import type { AppDeps } from './module.js';
import { allModules } from '../modules.js';
import { seededRng } from './rng.js';
import { fixedClock } from './db/clock.js';
import { seedDemoPartnership, DEMO_ACCOUNTS, DEMO_PASSWORD, demoTotpSecret } from '../partnership/demo.js';
import { PartnershipRepository } from '../partnership/repository.js';
import { CITY_OF_LONDON } from '../partnership/city-of-london.js';

export async function hasAnyPartnership(deps: AppDeps): Promise<boolean> {
  return !!(await new PartnershipRepository(deps.db, deps.clock).first());
}

/** The demo City of London partnership and its year of data; deterministic for a given seed. */
export async function seedDemo(
  deps: AppDeps,
  seed = 42,
): Promise<{ partnershipId: string; created: boolean }> {
  const existing = await new PartnershipRepository(deps.db, deps.clock).findByCode(CITY_OF_LONDON.code);
  if (existing) return { partnershipId: existing.id, created: false };
  const demo = await seedDemoPartnership(deps, seed);
  const shared: Record<string, unknown> = { ...demo, seed };
  // The demo year ends at the start of today (UTC), so the same seed gives the same data all day.
  const today = new Date(deps.clock.now());
  today.setUTCHours(0, 0, 0, 0);
  const seedDeps = { ...deps, clock: fixedClock(today) };
  for (const m of allModules) {
    if (!m.seedDemo) continue;
    // Each module gets its own stream, so adding data to one module leaves the others' data unchanged.
    const rng = seededRng(seed * 7919 + hash(m.name));
    await m.seedDemo({ deps: seedDeps, rng, partnershipId: demo.partnershipId, shared });
  }
  await deps.db
    .updateTable('partnerships')
    .set({ settings: JSON.stringify({ demoSeed: seed }) })
    .where('id', '=', demo.partnershipId)
    .execute();
  return { partnershipId: demo.partnershipId, created: true };
}

/** The seed the demo was made with, if the database holds the demo partnership. */
export async function demoSeedOf(deps: AppDeps): Promise<number | null> {
  const p = await new PartnershipRepository(deps.db, deps.clock).findByCode(CITY_OF_LONDON.code);
  if (!p) return null;
  const seed = JSON.parse(p.settings).demoSeed;
  return typeof seed === 'number' ? seed : null;
}

export function describeDemoAccounts(seed = 42): string {
  const lines = [
    `Demo accounts (password for all: ${DEMO_PASSWORD}; add the security-code key to an authenticator app):`,
    ...DEMO_ACCOUNTS.map(
      (a) => `  ${a.role.padEnd(14)} ${a.email.padEnd(40)} key ${demoTotpSecret(seed, a.email)}`,
    ),
  ];
  return lines.join('\n');
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return Math.abs(h);
}
