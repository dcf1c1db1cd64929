// Reads, parses and clips 1,000,000 generated police.uk street-level rows (from a temporary file) to the City boundary; prints rows/second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { boundaryFromGeoJson } from '../src/analytics/geo/boundary.js';
import { mulberry32 } from '../src/analytics/nearrepeat/random.js';
import { POLICE_UK_COLUMNS } from '../src/analytics/policeuk/columns.js';
import { readPoliceUkBatches } from '../src/analytics/policeuk/parse.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const datasets = path.resolve(process.env.DATASETS_DIR ?? path.join('..', 'shared', 'datasets'));
const boundaryFile = path.join(datasets, 'geo', 'city-of-london-lsoa-2011.wgs84.geojson');
if (!fs.existsSync(boundaryFile))
  throw new Error(`needs the City boundary at ${boundaryFile} (set DATASETS_DIR)`);
const boundary = boundaryFromGeoJson(JSON.parse(fs.readFileSync(boundaryFile, 'utf8')));

const TYPES = [
  'Theft from the person',
  'Other theft',
  'Violence and sexual offences',
  'Shoplifting',
  'Public order',
  'Drugs',
];
const OUTCOMES = [
  'Investigation complete; no suspect identified',
  'Unable to prosecute suspect',
  'Status update unavailable',
  'Under investigation',
];

/** police.uk-like rows in chunks of about 64 KB (a file stream's size): 80% crimes with an id, 11% ASB without, 9% without location; a box around the City. */
function* csvChunks(rows: number): Generator<Buffer> {
  const rng = mulberry32(1);
  const hex = () =>
    Math.floor(rng() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  yield Buffer.from(POLICE_UK_COLUMNS.join(',') + '\n');
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    const month = `2024-${String((i % 12) + 1).padStart(2, '0')}`;
    const r = rng();
    const located = r > 0.09;
    const asb = r > 0.89;
    const lon = located ? (-0.118 + rng() * 0.05).toFixed(6) : '';
    const lat = located ? (51.505 + rng() * 0.025).toFixed(6) : '';
    const id = asb ? '' : hex() + hex() + hex() + hex() + hex() + hex() + hex() + hex();
    const type = asb ? 'Anti-social behaviour' : TYPES[Math.floor(rng() * TYPES.length)];
    const outcome = asb ? '' : OUTCOMES[Math.floor(rng() * OUTCOMES.length)];
    const where = located ? `On or near Street ${Math.floor(rng() * 400)}` : 'No Location';
    const lsoa = located ? 'E01032739,City of London 001F' : ',';
    chunk.push(
      `${id},${month},City of London Police,City of London Police,${lon},${lat},${where},${lsoa},${type},"${outcome}",`,
    );
    if (chunk.length === 500) {
      yield Buffer.from(chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) yield Buffer.from(chunk.join('\n') + '\n');
}

// Written to a temporary file first, so the figure is for reading a file, not for making rows.
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-bench-')), 'street.csv');
await pipeline(Readable.from(csvChunks(ROWS)), fs.createWriteStream(file));
const size = fs.statSync(file).size;

const tally = { imported: 0, outside: 0, noLocation: 0, rejected: 0 };
let progressCalls = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
for await (const batch of readPoliceUkBatches(fs.createReadStream(file), {
  boundary,
  totalBytes: size,
  onProgress: () => progressCalls++,
  progressEvery: 100_000,
})) {
  for (const rec of batch) tally[rec.status]++;
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
fs.rmSync(path.dirname(file), { recursive: true, force: true });
console.log(
  `police.uk import: ${ROWS.toLocaleString('en-GB')} rows (${(size / 1e6).toFixed(0)} MB file) read, parsed, validated, keyed, projected and clipped ` +
    `in ${seconds.toFixed(2)} s (${cpuSeconds.toFixed(2)} s CPU)`,
);
console.log(
  `  ${Math.round(ROWS / seconds).toLocaleString('en-GB')} rows/second wall clock, ${Math.round(ROWS / cpuSeconds).toLocaleString('en-GB')} rows per CPU second`,
);
console.log(
  `  imported ${tally.imported}, outside ${tally.outside}, no location ${tally.noLocation}, rejected ${tally.rejected}; ${progressCalls} progress calls`,
);
