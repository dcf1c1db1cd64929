/**
 * Report creation through the JSON API on SQLite: POST /api/v1/reports over real HTTP.
 *
 *   node --import tsx bench/reports-api.ts [--seconds 10] [--rate 1000] [--concurrency 16] [--named 0.5] [--dir /path] [--keep]
 *
 * The server runs in this process; the load generator runs in a child process, so the two do not
 * share an event loop and the server's CPU time can be measured on its own. Two runs:
 *  1. closed loop: `concurrency` requests always in flight, for the highest sustained throughput;
 *  2. open loop: requests sent at a fixed `rate` a second whatever the answers (no coordinated
 *     omission), for latency percentiles at that rate.
 * Every request makes a whole report: routing, reference, person record (half are named), routes,
 * the first update, an environmental job where the category has one, acknowledgement and team
 * messages in the outbox, and an audit entry, committed on disk with synchronous=FULL.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { startCheckpointer } from '../src/platform/db/checkpointer.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { buildApp } from '../src/app.js';
import { PartnershipRepository } from '../src/partnership/repository.js';
import { CITY_OF_LONDON } from '../src/partnership/city-of-london.js';
import { ApiKeyService } from '../src/reports/api/keys.js';
import { PLACES } from '../src/reports/geo/gazetteer.js';
import { DEFAULT_CATEGORIES } from '../src/reports/defaults.js';
import { makePeople, render } from '../src/reports/seed/people.js';
import { seededRng } from '../src/platform/rng.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const seconds = arg('seconds', 10);
const rate = arg('rate', 1000);
const concurrency = arg('concurrency', 16);
// Share of reports with a named reporter (each one goes through PeopleService.addRecord and its matching).
const namedShare = arg('named', 0.5);

// --dir puts the database elsewhere (e.g. /dev/shm to see the cost without the disk's fsync).
const dirArg = process.argv.indexOf('--dir');
const dir = fs.mkdtempSync(path.join(dirArg > 0 ? process.argv[dirArg + 1] : os.tmpdir(), 'asbhub-bench-'));
const config = loadConfig({
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  BASE_URL: 'http://localhost',
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  SECURE_COOKIES: 'false',
});
const database = openDatabase(config);
await migrateToLatest(database.db);
// As `asbhub serve` does; --no-checkpointer leaves checkpoints on the request thread, for comparison.
const stopCheckpoints = process.argv.includes('--no-checkpointer')
  ? null
  : startCheckpointer(database.sqlite!, config.sqliteFile);
const { app, deps } = await buildApp({ config, database });
const { partnershipId } = await new PartnershipRepository(deps.db, deps.clock).create(CITY_OF_LONDON);
const key = await new ApiKeyService(deps).createForSystem(partnershipId, 'Benchmark', 10_000_000);
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;

// A pool of request bodies: real City places, every category, named reporters drawn from the demo
// data's people (varied names, some repeat reporters, details written differently each time).
const rng = seededRng(2026);
const people = makePeople(rng, 600, Date.now() - 365 * 86_400_000, Date.now());
const bodies: string[] = [];
for (let i = 0; i < 2000; i++) {
  const place = PLACES[i % PLACES.length];
  const category = DEFAULT_CATEGORIES[(i * 7) % DEFAULT_CATEGORIES.length].code;
  const named = (i * 0.618034) % 1 < namedShare;
  bodies.push(
    JSON.stringify({
      category,
      description: `Benchmark report ${i} at ${place.name}: group causing a nuisance late at night.`,
      location: i % 3 === 0 ? { text: place.name } : { lat: place.lat, lng: place.lng },
      hateIncident: i % 50 === 0,
      reporter: named ? namedReporter() : { anonymous: true },
      externalId: `B-${i}`,
    }),
  );
}

function namedReporter() {
  const given = render(rng, rng.pick(people), Date.now(), 'web');
  const name = [given.givenName, given.surname].filter(Boolean).join(' ') || 'Anon Ymous';
  return {
    kind: 'victim',
    name,
    ...(given.email ? { email: given.email.toLowerCase() } : {}),
    ...(given.phone ? { phone: given.phone } : {}),
    contactPreference: given.email ? 'email' : given.phone ? 'phone' : 'none',
  };
}

const clientCode = `
const http = require('node:http');
const { port, key, bodies, mode, seconds, rate, concurrency } = JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'));
const agent = new http.Agent({ keepAlive: true, maxSockets: mode === 'open' ? 512 : concurrency });
let i = 0;
const latencies = [];
let errors = 0;
const codes = {};
function send() {
  return new Promise((resolve) => {
    const body = bodies[i++ % bodies.length];
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path: '/api/v1/reports', method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-api-key': key } }, (res) => {
      res.resume();
      res.on('end', () => {
        codes[res.statusCode] = (codes[res.statusCode] || 0) + 1;
        if (res.statusCode !== 201) errors++;
        resolve(performance.now() - t0);
      });
    });
    req.on('error', () => { errors++; resolve(performance.now() - t0); });
    req.end(body);
  });
}
async function closed(ms) {
  const end = performance.now() + ms;
  const out = [];
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) out.push(await send());
  }));
  return out;
}
async function open(ms, perSecond) {
  const out = [];
  const pending = [];
  const start = performance.now();
  let sent = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      if (elapsed >= ms) { clearInterval(timer); resolve(); return; }
      const due = Math.floor((elapsed / 1000) * perSecond);
      while (sent < due) { sent++; pending.push(send().then((l) => out.push(l))); }
    }, 1);
  });
  await Promise.all(pending);
  return out;
}
(async () => {
  const warm = mode === 'open' ? await open(2000, rate) : await closed(2000);
  errors = 0; for (const k in codes) delete codes[k];
  const t0 = performance.now();
  const lat = mode === 'open' ? await open(seconds * 1000, rate) : await closed(seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ lat, elapsed, errors, codes, warm: warm.length }));
})();
`;

function run(mode: 'closed' | 'open'): Promise<{
  lat: number[];
  elapsed: number;
  errors: number;
  codes: Record<string, number>;
  cpuMs: number;
  count: number;
}> {
  const input = path.join(dir, `client-${mode}.json`);
  fs.writeFileSync(input, JSON.stringify({ port, key, bodies, mode, seconds, rate, concurrency }));
  return new Promise((resolve, reject) => {
    const before = process.cpuUsage();
    const child = spawn(process.execPath, ['-e', clientCode, input], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => {
      const used = process.cpuUsage(before);
      const r = JSON.parse(out);
      resolve({ ...r, cpuMs: (used.user + used.system) / 1000, count: r.lat.length + r.warm });
    });
  });
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
function describe(
  name: string,
  r: {
    lat: number[];
    elapsed: number;
    errors: number;
    codes: Record<string, number>;
    cpuMs: number;
    count: number;
  },
) {
  const s = [...r.lat].sort((a, b) => a - b);
  const line = [
    `${name.padEnd(34)}`,
    `${(s.length / r.elapsed).toFixed(0).padStart(6)} reports/s`,
    `p50 ${pct(s, 50).toFixed(1)} ms`,
    `p95 ${pct(s, 95).toFixed(1)} ms`,
    `p99 ${pct(s, 99).toFixed(1)} ms`,
    `max ${s[s.length - 1].toFixed(1)} ms`,
    `n=${s.length}`,
    `errors=${r.errors}`,
    `codes=${JSON.stringify(r.codes)}`,
    `server CPU ${(r.cpuMs / r.count).toFixed(2)} ms/report (${(r.count / (r.cpuMs / 1000)).toFixed(0)} reports per CPU-second)`,
  ];
  console.log(line.join('  '));
}

// How fast this machine is right now (other work on it slows everything): a fixed CPU loop.
const calib = performance.now();
let sink = 0;
for (let i = 0; i < 1e7; i++) sink += Math.sqrt(i);
const calibMs = performance.now() - calib;
console.log(
  `ASB Hub report creation benchmark: ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; CPU check: 1e7 square roots in ${calibMs.toFixed(0)} ms${sink > 0 ? '' : ''}`,
);
console.log(
  `SQLite (WAL, synchronous=FULL, checkpoints ${stopCheckpoints ? 'in a worker thread' : 'on the request thread'}) in ${dir}; ${seconds}s measured after a 2s warm-up each; ${Math.round(namedShare * 100)}% of reports name the reporter`,
);
describe(`closed loop, ${concurrency} in flight`, await run('closed'));
describe(`open loop at ${rate}/s`, await run('open'));
const count = await deps.db
  .selectFrom('reports')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
const persons = await deps.db
  .selectFrom('person_records')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
const audit = await deps.db
  .selectFrom('audit_log')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
console.log(`database now holds ${count.n} reports, ${persons.n} person records, ${audit.n} audit entries`);
await app.close();
await stopCheckpoints?.();
await database.close();
// --keep leaves the database for a look afterwards (e.g. DATA_DIR=<dir> asbhub audit verify).
if (process.argv.includes('--keep')) console.log(`database kept in ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
