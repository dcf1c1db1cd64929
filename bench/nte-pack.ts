/**
 * Building the Monday night-time-economy pack over a year of demo City data, on SQLite.
 *
 *   node --import tsx bench/nte-pack.ts [--runs 7]
 *
 * Seeds the deterministic demo partnership (a year of reports, environmental jobs, premises and,
 * when the shared datasets are at hand, police.uk crime) into a fresh database, then times building
 * the pack for the last weekend (the weekend and the four before it, read through the services and
 * composed) and, as a baseline measured in the same run, plain count queries over the same rows
 * (reports, partner records and jobs in the five weekends' span). Prints medians and their ratio.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/log.js';
import { systemClock } from '../src/platform/db/clock.js';
import { seedDemo } from '../src/platform/seed.js';
import { buildWeekendPack } from '../src/nte/weekend-pack.js';
import { lastEndedWeekend, previousFridays, weekendWindow } from '../src/nte/window.js';
import type { AppDeps } from '../src/platform/module.js';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-ntebench-'));
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, SQLITE_FILE: path.join(dir, 'bench.sqlite') });
const handle = openDatabase(config);
await migrateToLatest(handle.db);
const deps: AppDeps = {
  config,
  db: handle.db,
  dialect: handle.dialect,
  clock: systemClock,
  log: createLogger({ ...config, logLevel: 'silent' }),
};
const seeded = performance.now();
const { partnershipId } = await seedDemo(deps, 42);
const db = deps.db;
const count = async (table: 'reports' | 'analytics_records' | 'environmental_jobs' | 'premises_items') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
process.stdout.write(
  `Demo seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s: ${await count('reports')} reports, ` +
    `${await count('analytics_records')} imported records, ${await count('environmental_jobs')} environmental jobs, ` +
    `${await count('premises_items')} Traffic Light entries\n`,
);

const friday = lastEndedWeekend(systemClock.iso());
const windows = [friday, ...previousFridays(friday, 4)].map((f) => weekendWindow(f));
const from = windows.at(-1)!.from;
const to = windows[0].to;

async function baseline(): Promise<number> {
  const n = (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
    q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  const parts = await Promise.all([
    n(
      db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('partnership_id', '=', partnershipId)
        .where('created_at', '>=', from)
        .where('created_at', '<', to),
    ),
    n(
      db
        .selectFrom('analytics_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('partnership_id', '=', partnershipId)
        .where('occurred_at', '>=', from)
        .where('occurred_at', '<', to),
    ),
    n(
      db
        .selectFrom('environmental_jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('partnership_id', '=', partnershipId)
        .where('raised_at', '>=', from)
        .where('raised_at', '<', to),
    ),
    n(
      db
        .selectFrom('premises_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('partnership_id', '=', partnershipId),
    ),
  ]);
  return parts.reduce((a, b) => a + b, 0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};
await buildWeekendPack(deps, partnershipId, friday); // warm-up: statement cache, reference data
await baseline();
const packMs: number[] = [];
const baseMs: number[] = [];
let incidents = 0;
for (let i = 0; i < runs; i++) {
  packMs.push(
    await time(async () => {
      const p = await buildWeekendPack(deps, partnershipId, friday);
      incidents = p.headline[0].count;
    }),
  );
  baseMs.push(await time(baseline));
}
const pack = median(packMs);
const base = median(baseMs);
process.stdout.write(
  `Monday pack for the weekend of ${friday} (${incidents} incidents; 5 weekends read): median ${pack.toFixed(1)} ms over ${runs} runs ` +
    `(max ${Math.max(...packMs).toFixed(1)} ms); baseline count queries ${base.toFixed(2)} ms; ratio ${(pack / base).toFixed(1)}x. ` +
    `Target under 1000 ms: ${pack < 1000 ? 'met' : 'NOT met'}\n`,
);
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });
