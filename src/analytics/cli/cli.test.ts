import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { requireDataset } from '../../../test/helpers/db.js';
import { CliError } from '../../platform/cli-error.js';
import { registerAnalyticsCli } from './register.js';

/** Runs an analytics command in-process and returns what it printed. */
async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('asbhub').exitOverride().configureOutput({ writeOut: (text) => (out += text) });
  registerAnalyticsCli(program);
  await program.parseAsync(['node', 'asbhub', ...args]);
  return out;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-analytics-'));
const file = (name: string, text: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
};

describe('analytics commands', () => {
  const points = file('points.csv', 'x,y,value\n10,10,2\n20,10,3\n40,10,3.2\n15,20,5\n30,20,8\n30,30,7\n');

  it('hotspots gistar prints one z-score per point, in input order, or JSON', async () => {
    const text = await run('hotspots', 'gistar', '--points', points, '--distance-band', '15');
    assert.deepEqual(
      text
        .trim()
        .split('\n')
        .map((v) => Number(Number(v).toFixed(4))),
      [-1.3973, -0.2892, 0.6506, -0.2892, 1.2345, 2.0242],
    );
    const json = JSON.parse(
      await run('hotspots', 'gistar', '--points', points, '--distance-band', '15', '--json'),
    );
    assert.deepEqual(Object.keys(json), ['z']);
    assert.equal(Number(json.z[5].toFixed(4)), 2.0242);
  });

  it('hotspots gistar refuses bad input with a CliError', async () => {
    await assert.rejects(run('hotspots', 'gistar', '--points', points, '--distance-band', 'far'), CliError);
    await assert.rejects(
      run('hotspots', 'gistar', '--points', file('bad.csv', 'a,b\n1,2\n'), '--distance-band', '1'),
      /missing x, y, value/,
    );
    await assert.rejects(
      run('hotspots', 'gistar', '--points', path.join(tmp, 'none.csv'), '--distance-band', '1'),
      /cannot read/,
    );
  });

  it('near-repeat reproduces the calculator burglary table', async () => {
    const events = path.join(requireDataset('nearrepeat'), 'chicago_be_month1.csv');
    const args = [
      '--events',
      events,
      '--distance-band',
      '100',
      '--distance-bands',
      '3',
      '--time-band',
      '7',
      '--time-bands',
      '3',
      '--metric',
      'manhattan',
      '--iterations',
      '19',
      '--nrc-bands',
      '--seed',
      '4',
    ];
    const json = JSON.parse(await run('near-repeat', ...args, '--json'));
    assert.deepEqual(json.observed[0], [28, 5, 5, 2]);
    assert.deepEqual(json.observed[4], [182194, 146149, 95237, 45879]);
    assert.equal(json.pValue.length, 5);
    const text = await run('near-repeat', ...args);
    assert.match(text, /Observed pairs/);
    assert.match(text, /Same location\s+28\s+5\s+5\s+2/);
    const chebyshev = args.map((a) => (a === 'manhattan' ? 'chebyshev' : a));
    await assert.rejects(run('near-repeat', ...chebyshev), /--metric must be manhattan or euclidean/);
  });

  it('hotspots evaluate prints the documented JSON for both methods', async () => {
    const args = [
      '--crimes',
      requireDataset('policeuk/city-of-london'),
      '--boundary',
      requireDataset('geo/city-of-london-lsoa-2011.bng.geojson'),
      '--crime-type',
      'Theft from the person',
      '--cell',
      '100',
      '--coverage',
      '0.05',
      '--train',
      '3',
    ];
    const best = JSON.parse(await run('hotspots', 'evaluate', ...args, '--json'));
    const prior = JSON.parse(
      await run('hotspots', 'evaluate', ...args, '--method', 'prior-counts', '--json'),
    );
    assert.deepEqual(Object.keys(best), ['method', 'months', 'meanPai', 'meanHitRate']);
    assert.equal(best.method, 'shrunk-counts');
    assert.equal(prior.method, 'prior-counts');
    assert.equal(best.months.length, 10);
    assert.deepEqual(Object.keys(best.months[0]), ['month', 'hitRate', 'pai', 'pei']);
    assert.equal(best.months[0].month, '2023-08');
    assert.ok(best.meanPai > prior.meanPai);
    const text = await run('hotspots', 'evaluate', ...args);
    assert.match(text, /17 of 348 cells of 100 m flagged each month/);
    await assert.rejects(run('hotspots', 'evaluate', ...args, '--method', 'magic'), /unknown --method magic/);
    await assert.rejects(
      run('hotspots', 'evaluate', ...args.slice(0, 5), 'Theft', ...args.slice(6)),
      /crime types found: Anti-social behaviour/,
    );
  });

  it('police-uk check reports the classes and refuses a wrong file', async () => {
    const csv = path.join(requireDataset('policeuk/city-of-london'), '2024-05-city-of-london-street.csv');
    const json = JSON.parse(
      await run(
        'police-uk',
        'check',
        csv,
        '--boundary',
        requireDataset('geo/city-of-london-lsoa-2011.wgs84.geojson'),
        '--json',
      ),
    );
    const s = json[0].summary;
    assert.equal(s.imported + s.outside + s.noLocation + s.rejected, s.rows);
    await assert.rejects(
      run('police-uk', 'check', path.join(requireDataset('nearrepeat'), 'chicago_arson.csv')),
      /not a police\.uk street-level crime file/,
    );
  });
});
