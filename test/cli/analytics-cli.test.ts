// The analysis commands as an operator runs them: `node bin/asbhub.js ...`, output on stdout,
// refusals on stderr with a non-zero exit code. Needs no database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { requireDataset } from '../helpers/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function asbhub(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/asbhub.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('asbhub analysis commands (the real binary)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-analytics-cli-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('hotspots gistar --json prints the PySAL reference z-scores', async () => {
    const points = path.join(tmp, 'points.csv');
    fs.writeFileSync(points, 'x,y,value\n10,10,2\n20,10,3\n40,10,3.2\n15,20,5\n30,20,8\n30,30,7\n');
    const r = await asbhub(['hotspots', 'gistar', '--points', points, '--distance-band', '15', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).z.map((v: number) => Number(v.toFixed(4))),
      [-1.3973, -0.2892, 0.6506, -0.2892, 1.2345, 2.0242],
    );
  });

  it('hotspots evaluate --json: the default method uses the training months only and beats prior-counts on the City data', async () => {
    const args = [
      'hotspots',
      'evaluate',
      '--crimes',
      requireDataset('policeuk/city-of-london'),
      '--boundary',
      requireDataset('geo/city-of-london-lsoa-2011.wgs84.geojson'),
      '--crime-type',
      'Theft from the person',
      '--cell',
      '100',
      '--coverage',
      '0.05',
      '--train',
      '3',
      '--json',
    ];
    const [best, prior] = await Promise.all([asbhub(args), asbhub([...args, '--method', 'prior-counts'])]);
    assert.equal(best.code, 0, best.stderr);
    const b = JSON.parse(best.stdout);
    const p = JSON.parse(prior.stdout);
    assert.equal(b.method, 'shrunk-counts');
    assert.equal(b.months.length, 10);
    assert.ok(b.meanPai > p.meanPai, `${b.meanPai} vs ${p.meanPai}`);
  });

  it('refuses bad input on stderr with a non-zero exit code', async () => {
    const r = await asbhub([
      'hotspots',
      'evaluate',
      '--crimes',
      tmp,
      '--boundary',
      path.join(tmp, 'none.geojson'),
      '--crime-type',
      'X',
      '--cell',
      '100',
      '--coverage',
      '2',
      '--train',
      '3',
    ]);
    assert.notEqual(r.code, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /--coverage/);
  });
});
