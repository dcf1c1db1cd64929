import fs from 'node:fs';
import path from 'node:path';
import type { DemoSeedContext } from '../platform/module.js';
import { newId } from '../platform/db/ids.js';
import { toWgs84 } from './geo/bng.js';
import { AreaStore } from './area-store.js';
import { PoliceUkImporter } from './import/police-uk-import.js';
import { listCsvFiles } from './policeuk/parse.js';
import { AnalyticsRepository } from './repository.js';
import type { AnalyticsAssetsTable } from './tables.js';

export const DEMO_CAMERAS = 90;
/** Street-light units about every 45 m across the area. */
const LIGHT_SPACING = 45;

/**
 * Demo analysis data: the City's police.uk files when the shared datasets are at hand (they are
 * not shipped with the app, so without them this part is skipped quietly), and demo CCTV cameras
 * and street-light units placed inside the boundary from the seeded random source.
 */
export async function seedAnalyticsDemo(
  ctx: DemoSeedContext,
): Promise<{ policeUkRows: number; cameras: number; lights: number; ms: number }> {
  const started = Date.now();
  const { deps, rng, partnershipId } = ctx;
  const actor = { userId: null, userLabel: 'demo seed' };
  let policeUkRows = 0;
  const folder = path.join(deps.config.datasetsDir, 'policeuk', 'city-of-london');
  if (fs.existsSync(folder)) {
    const files = await listCsvFiles(folder);
    const outcome = await new PoliceUkImporter(deps).import(
      partnershipId,
      files.map((f) => ({
        name: path.basename(f),
        source: fs.createReadStream(f),
        size: fs.statSync(f).size,
      })),
      actor,
    );
    if (outcome.status === 'imported') policeUkRows = outcome.summary.added;
    else deps.log.warn({ reason: outcome.reason, message: outcome.message }, 'demo police.uk import refused');
  }

  const areas = await new AreaStore(deps).forPartnership(partnershipId);
  const box = areas.boundary.bboxBng;
  const now = deps.clock.iso();
  const asset = (
    kind: 'cctv' | 'streetlight',
    ref: string,
    x: number,
    y: number,
    label: string,
  ): AnalyticsAssetsTable => {
    const [lon, lat] = toWgs84(x, y);
    return {
      id: newId(),
      partnership_id: partnershipId,
      kind,
      asset_ref: ref,
      label,
      status: 'working',
      lon,
      lat,
      easting: x,
      northing: y,
      source: 'demo',
      import_id: null,
      created_at: now,
      updated_at: now,
    };
  };
  const cameras: AnalyticsAssetsTable[] = [];
  while (cameras.length < DEMO_CAMERAS) {
    const x = box.minX + rng.next() * (box.maxX - box.minX);
    const y = box.minY + rng.next() * (box.maxY - box.minY);
    if (!areas.boundary.containsBng(x, y)) continue;
    const n = cameras.length + 1;
    cameras.push(
      asset(
        'cctv',
        `CAM-${String(n).padStart(3, '0')}`,
        Math.round(x),
        Math.round(y),
        rng.chance(0.3) ? 'Corporation camera (PTZ)' : 'Corporation camera (fixed)',
      ),
    );
  }
  const lights: AnalyticsAssetsTable[] = [];
  for (let y = box.minY; y <= box.maxY; y += LIGHT_SPACING) {
    for (let x = box.minX; x <= box.maxX; x += LIGHT_SPACING) {
      const px = Math.round(x + (rng.next() - 0.5) * LIGHT_SPACING * 0.6);
      const py = Math.round(y + (rng.next() - 0.5) * LIGHT_SPACING * 0.6);
      if (!areas.boundary.containsBng(px, py)) continue;
      lights.push(
        asset(
          'streetlight',
          `SL-${String(lights.length + 1).padStart(5, '0')}`,
          px,
          py,
          rng.chance(0.02) ? 'Reported out' : 'LED lantern',
        ),
      );
      if (lights[lights.length - 1].label === 'Reported out') lights[lights.length - 1].status = 'fault';
    }
  }
  const repo = new AnalyticsRepository(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    await repo.upsertAssets(trx, cameras);
    await repo.upsertAssets(trx, lights);
  });
  const ms = Date.now() - started;
  deps.log.info(
    { policeUkRows, cameras: cameras.length, lights: lights.length, ms },
    'demo analysis data seeded',
  );
  return { policeUkRows, cameras: cameras.length, lights: lights.length, ms };
}
