import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function seedDemo(
  file: string,
  seed: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'SESSION_SECRET', 'BASE_URL', 'LOG_LEVEL', 'PARTNERSHIP_CODE'])
    delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/asbhub.js', 'seed', '--demo', '--seed', String(seed)], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: 'test', DATA_DIR: path.dirname(file), SQLITE_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?/g;
/** Columns that differ by design between two loads: generated ids, salted hashes and times taken from the clock. */
const volatileColumn = (name: string) =>
  name === 'id' || name.endsWith('_id') || /(^|_)(at|on)$/.test(name) || /hash|salt|token/.test(name);

/**
 * For each table: its row count and a digest of its rows without ids, salted hashes or times. Times are
 * left out because the demo is placed in the year before "now"; everything else must come from the seed.
 */
function contentDigests(file: string): Map<string, { rows: number; digest: string }> {
  const db = new SQLite(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'kysely%' and name not like 'sqlite%' order by name",
      )
      .pluck()
      .all() as string[];
    const out = new Map<string, { rows: number; digest: string }>();
    for (const table of tables) {
      const rows = (db.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]).map((row) =>
        JSON.stringify(
          Object.keys(row)
            .filter((k) => !volatileColumn(k))
            .sort()
            .map((k) => [
              k,
              typeof row[k] === 'string'
                ? (row[k] as string).replace(UUID, 'ID').replace(ISO_TIME, 'TIME')
                : row[k],
            ]),
        ),
      );
      rows.sort();
      out.set(table, {
        rows: rows.length,
        digest: createHash('sha256').update(rows.join('\n')).digest('hex'),
      });
    }
    return out;
  } finally {
    db.close();
  }
}

describe('asbhub seed --demo', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-demo-seed-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the same data for the same seed in two fresh databases', async () => {
    const a = path.join(dir, 'a', 'hub.sqlite');
    const b = path.join(dir, 'b', 'hub.sqlite');
    // Both at once: the demo year ends at the moment of loading and report times are drawn against London
    // hours, so today two loads minutes apart differ in content, not only in their times.
    const runs = await Promise.all([seedDemo(a, 42), seedDemo(b, 42)]);
    for (const r of runs) {
      assert.equal(r.code, 0, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
      assert.match(r.stdout, /Demo partnership loaded/);
    }
    assert.equal(runs[0].stdout, runs[1].stdout, 'the printed accounts and security-code keys differ');

    const da = contentDigests(a);
    const db = contentDigests(b);
    assert.deepEqual([...da.keys()], [...db.keys()]);
    const differing = [...da]
      .filter(([t, v]) => v.rows !== db.get(t)!.rows || v.digest !== db.get(t)!.digest)
      .map(([t, v]) => `${t} (${v.rows} vs ${db.get(t)!.rows} rows)`);
    assert.deepEqual(differing, [], `tables whose demo data differ: ${differing.join(', ')}`);

    // The demo is more than the accounts: every module that seeds put rows in.
    const filled = [...da].filter(([, v]) => v.rows > 0).map(([t]) => t);
    for (const t of ['partnerships', 'teams', 'users', 'reports', 'persons'])
      assert.ok(filled.includes(t), `${t} is empty`);
    const users = new SQLite(a, { readonly: true });
    try {
      const accounts = users.prepare('select email, role from users order by email').all() as {
        email: string;
        role: string;
      }[];
      assert.ok(accounts.length >= 12);
      assert.ok(accounts.some((u) => u.role === 'administrator'));
    } finally {
      users.close();
    }
  });
});
