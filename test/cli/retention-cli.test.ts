/** `asbhub retention run` as an operator runs it: on a fresh SQLite database, JSON and the summary. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { it, after } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-retention-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function asbhub(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dir,
    SQLITE_FILE: path.join(dir, 'hub.sqlite'),
  };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/asbhub.js', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('retention run --dry-run --json lists each record type with what is due, held and done', async () => {
  const seeded = await asbhub(['seed']);
  assert.equal(seeded.code, 0, seeded.stderr);
  const r = await asbhub(['retention', 'run', '--dry-run', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.dryRun, true);
  const types = out.types.map((t: { recordType: string }) => t.recordType);
  for (const code of ['report', 'case', 'case-review', 'person', 'audit'])
    assert.ok(types.includes(code), code);
  for (const t of out.types)
    assert.deepEqual([Array.isArray(t.due), Array.isArray(t.held), t.done.length], [true, true, 0]);
  const text = await asbhub(['retention', 'run']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /ASB case +anonymise 6 years after case closed: due 0, held 0, done 0/);
  const bad = await asbhub(['retention', 'run', '--partnership', 'nowhere']);
  assert.equal(bad.code === 0, false);
  assert.match(bad.stderr, /--partnership: no partnership with code nowhere/);
});
