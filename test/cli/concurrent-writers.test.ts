import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { AuditService } from '../../src/platform/audit/service.js';
import { systemClock } from '../../src/platform/db/clock.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const src = (rel: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'src', rel)).href);

/**
 * One process appending `entries` audit entries to the SQLite file, as `asbhub users add` does while
 * `asbhub serve` runs. Prints how many appends failed and why.
 */
const WORKER = (file: string, entries: number) => `
  import { openDatabase } from ${src('platform/db/database.ts')};
  import { AuditService } from ${src('platform/audit/service.ts')};
  import { systemClock } from ${src('platform/db/clock.ts')};
  const handle = openDatabase({ databaseUrl: null, sqliteFile: ${JSON.stringify(file)} });
  const audit = new AuditService(handle.db, 'sqlite', systemClock);
  const failures = {};
  // Start together: say ready, then wait for the word.
  process.stdout.write('ready\\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  for (let i = 0; i < ${entries}; i++) {
    try {
      await audit.record({ partnershipId: 'p', action: 'concurrency.test', details: { pid: process.pid, i } });
    } catch (err) {
      failures[err.code ?? err.message] = (failures[err.code ?? err.message] ?? 0) + 1;
    }
  }
  await handle.close();
  process.stdout.write(JSON.stringify(failures));
`;

interface Worker {
  ready: Promise<void>;
  go(): void;
  done: Promise<{ code: number | null; failures: Record<string, number>; stderr: string }>;
}

function startWorker(file: string, entries: number): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', WORKER(file, entries)],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (d) => {
    stdout += d;
    if (stdout.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; failures: Record<string, number>; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        signalReady();
        const result = stdout.replace(/^ready\n/, '');
        resolve({ code, failures: result ? JSON.parse(result) : {}, stderr });
      });
    },
  );
  return { ready, go: () => child.stdin.end('go\n'), done };
}

describe('several processes writing to one SQLite file', () => {
  let dir: string;
  let file: string;
  let handle: DatabaseHandle;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-writers-'));
    file = path.join(dir, 'hub.sqlite');
    handle = openDatabase({ databaseUrl: null, sqliteFile: file });
    await migrateToLatest(handle.db);
  });
  after(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('appends every audit entry of every process to one intact chain (they wait for each other, none is refused)', async () => {
    const processes = 3;
    const entries = 100;
    const workers = Array.from({ length: processes }, () => startWorker(file, entries));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const runs = await Promise.all(workers.map((w) => w.done));
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.failures, {}, `appends refused: ${JSON.stringify(r.failures)}`);
    }
    const audit = new AuditService(handle.db, 'sqlite', systemClock);
    assert.deepEqual(await audit.verify(), { ok: true, entries: processes * entries });
  });
});
