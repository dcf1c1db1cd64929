// Imports generated police.uk street-level rows into a fresh SQLite database through the real
// importer (parse, check, key, project, clip to the bundled City boundary, multi-row inserts in one
// transaction), then imports the same file again (every row already held); prints rows/second.
// ROWS (default 200,000) sets the size; set DATABASE_URL to measure PostgreSQL instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { fixedClock } from '../src/platform/db/clock.js';
import { createLogger } from '../src/platform/log.js';
import { loadConfig } from '../src/config.js';
import { mulberry32 } from '../src/analytics/nearrepeat/random.js';
import { POLICE_UK_COLUMNS } from '../src/analytics/policeuk/columns.js';
import { PoliceUkImporter } from '../src/analytics/import/police-uk-import.js';

const ROWS = Number(process.env.ROWS ?? 200_000);
const TYPES = [
  'Theft from the person',
  'Other theft',
  'Violence and sexual offences',
  'Shoplifting',
  'Public order',
  'Drugs',
];

/** Rows inside and around the City: 85% crimes with an id, 10% ASB without, 5% without location. */
function* csvChunks(rows: number): Generator<Buffer> {
  const rng = mulberry32(7);
  const hex = () =>
    Math.floor(rng() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  yield Buffer.from(POLICE_UK_COLUMNS.join(',') + '\n');
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    const month = `2024-${String((i % 12) + 1).padStart(2, '0')}`;
    const r = rng();
    const located = r > 0.05;
    const asb = r > 0.9;
    const lon = located ? (-0.112 + rng() * 0.039).toFixed(6) : '';
    const lat = located ? (51.507 + rng() * 0.016).toFixed(6) : '';
    const id = asb ? '' : hex() + hex() + hex() + hex() + hex() + hex() + hex() + hex();
    const type = asb ? 'Anti-social behaviour' : TYPES[Math.floor(rng() * TYPES.length)];
    chunk.push(
      `${id},${month},City of London Police,City of London Police,${lon},${lat},On or near Street ${Math.floor(rng() * 400)},E01032739,City of London 001F,${type},Under investigation,`,
    );
    if (chunk.length === 500) {
      yield Buffer.from(chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) yield Buffer.from(chunk.join('\n') + '\n');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-dbbench-'));
const file = path.join(dir, 'street.csv');
await pipeline(Readable.from(csvChunks(ROWS)), fs.createWriteStream(file));
const config = loadConfig({
  NODE_ENV: 'test',
  DATA_DIR: dir,
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const handle = openDatabase(config);
await migrateToLatest(handle.db);
const deps = {
  config,
  db: handle.db,
  dialect: handle.dialect,
  clock: fixedClock('2026-11-28T10:00:00Z'),
  log: createLogger({ ...config, logLevel: 'silent' }),
};
const partnership = `bench-${Date.now()}`;

async function run(label: string) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const outcome = await new PoliceUkImporter(deps).import(
    partnership,
    [{ name: 'street.csv', source: fs.createReadStream(file), size: fs.statSync(file).size }],
    { userId: null, userLabel: 'bench' },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (outcome.status !== 'imported') throw new Error(outcome.message);
  const s = outcome.summary;
  console.log(
    `${label}: ${s.rowsRead.toLocaleString('en-GB')} rows read, ${s.added.toLocaleString('en-GB')} added, ${s.alreadyHeld.toLocaleString('en-GB')} already held, ` +
      `${s.outside.toLocaleString('en-GB')} outside, ${s.noLocation.toLocaleString('en-GB')} without location in ${seconds.toFixed(2)} s (${cpuSeconds.toFixed(2)} s CPU in this process)`,
  );
  console.log(
    `  ${Math.round(s.rowsRead / seconds).toLocaleString('en-GB')} rows read/second, ${Math.round(s.inside / seconds).toLocaleString('en-GB')} rows written or checked/second (wall clock)`,
  );
}

console.log(
  `database: ${handle.dialect}${handle.dialect === 'sqlite' ? ` (${config.sqliteFile}, WAL, synchronous=FULL)` : ''}`,
);
await run('first import');
await run('same file again');
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });
