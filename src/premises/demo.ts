import type { DemoSeedContext } from '../platform/module.js';
import { newId } from '../platform/db/ids.js';
import { londonTime } from '../platform/web/views.js';
import { addDays } from '../platform/dates/calendar-date.js';
import { PremisesRepository } from './repository.js';
import { DEFAULT_CREDIT_TYPES, INCIDENT_TYPES } from './rules/traffic-light.js';
import type { PremisesItemsTable, PremisesTable } from './tables.js';

// Real City streets with approximate points; the premises names are invented.
const STREETS: [string, string, number, number][] = [
  ['Leadenhall Market', 'EC3V 1LR', 51.5128, -0.0835],
  ['Bishopsgate', 'EC2M 4QD', 51.5165, -0.081],
  ['Fleet Street', 'EC4A 2AB', 51.5139, -0.1065],
  ['Cheapside', 'EC2V 6AA', 51.5141, -0.094],
  ['West Smithfield', 'EC1A 9DY', 51.5185, -0.1005],
  ['Moorgate', 'EC2R 6AB', 51.518, -0.089],
  ['Fenchurch Street', 'EC3M 3BY', 51.5115, -0.08],
  ['Liverpool Street', 'EC2M 7PY', 51.5175, -0.0825],
  ['Cannon Street', 'EC4N 6AE', 51.5113, -0.0904],
  ['Ludgate Hill', 'EC4M 7AA', 51.5139, -0.1013],
  ['Aldgate High Street', 'EC3N 1AH', 51.5137, -0.0764],
  ['Eastcheap', 'EC3M 1AE', 51.5105, -0.0855],
  ['Charterhouse Street', 'EC1M 6HR', 51.5198, -0.1022],
  ['London Wall', 'EC2M 5QD', 51.5175, -0.0905],
  ['Queen Victoria Street', 'EC4V 4AY', 51.5118, -0.0975],
  ['Houndsditch', 'EC3A 7DH', 51.5152, -0.0786],
];
const NAMES = [
  'The Crown',
  'The Old Bell',
  'Vault Bar',
  'The Lamb',
  'Cellar 23',
  'The Jamaica Wine House',
  'The Counting House',
  'Sky Lounge',
  'The Fleet Tap',
  'Bar Nineteen',
  'The Hung Drawn',
  'The Sugar Loaf',
  'The Market Porter',
  'Club Meridian',
  'The Wine Lodge',
  'The Griffin',
  'Late Kitchen',
  'The Swan Tavern',
  'Basement Club',
  'The Red Lion',
  'The White Hart',
  'Vintners Bar',
  'The Globe',
  'Corner Off-Licence',
  'The Hoop',
  'The Samuel Pepys',
  'Night Owl Grill',
  'The Pelican',
  'The Britannia',
  'The Mitre',
  'Garden Rooftop',
  'The Anchor',
  'City Kebab House',
  'The Ship',
  'The Castle',
  'Arch Eleven',
];
const TYPES = [
  'pub',
  'pub',
  'bar',
  'bar',
  'nightclub',
  'restaurant',
  'late-night-refreshment',
  'off-licence',
];
const HOURS: Record<string, string> = {
  pub: '11:00–23:00',
  bar: '12:00–01:00',
  nightclub: '22:00–04:00',
  restaurant: '12:00–23:30',
  'late-night-refreshment': '18:00–03:00',
  'off-licence': '08:00–23:00',
};

/** A few dozen licensed premises on City streets, each with a year of incidents and credits. */
export async function seedPremisesDemo(ctx: DemoSeedContext): Promise<void> {
  const { deps, rng, partnershipId } = ctx;
  const now = deps.clock.iso();
  const today = londonTime(now, 'yyyy-MM-dd');
  const premises: PremisesTable[] = NAMES.map((name, i) => {
    const [street, postcode, lat, lng] = STREETS[i % STREETS.length];
    const type = name.includes('Club') || name.includes('Basement') ? 'nightclub' : rng.pick(TYPES);
    return {
      id: newId(),
      partnership_id: partnershipId,
      name,
      address: `${rng.int(1, 160)} ${street}, London`,
      postcode,
      lat: lat + (rng.next() - 0.5) * 0.0012,
      lng: lng + (rng.next() - 0.5) * 0.0016,
      licence_ref: `PL/${rng.int(1000, 9999)}`,
      licence_type: type,
      hours: HOURS[type],
      created_at: now,
      licensed_from: addDays(today, -rng.int(400, 6000)),
    };
  });
  const items: PremisesItemsTable[] = [];
  for (const p of premises) {
    // A few premises drive most of the trouble: a skewed number of incidents each.
    const trouble = rng.next() ** 3;
    const incidents = Math.round(trouble * 14);
    for (let k = 0; k < incidents; k++) {
      items.push(
        item(
          p.id,
          'penalty',
          rng.pick(INCIDENT_TYPES),
          addDays(today, -rng.int(1, 360)),
          'Reported after a weekend night',
        ),
      );
    }
    for (let k = 0; k < rng.int(0, 3); k++) {
      items.push(
        item(
          p.id,
          'credit',
          rng.pick(Object.keys(DEFAULT_CREDIT_TYPES)),
          addDays(today, -rng.int(1, 360)),
          null,
        ),
      );
    }
  }
  function item(
    premisesId: string,
    kind: 'penalty' | 'credit',
    type: string,
    on: string,
    summary: string | null,
  ): PremisesItemsTable {
    return {
      id: newId(),
      partnership_id: partnershipId,
      premises_id: premisesId,
      kind,
      type,
      occurred_on: on,
      summary,
      points: null,
      points_reason: null,
      source_type: 'demo',
      source_id: null,
      recorded_by: null,
      created_at: now,
    };
  }
  const repo = new PremisesRepository(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertPremises(trx, premises);
    await repo.insertItems(trx, items);
  });
  ctx.shared.premises = premises.map((p) => ({ id: p.id, name: p.name, lat: p.lat, lng: p.lng }));
}
