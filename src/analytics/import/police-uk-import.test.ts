import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { forEachDialect, requireDataset } from '../../../test/helpers/db.js';
import { fixedClock } from '../../platform/db/clock.js';
import { createLogger } from '../../platform/log.js';
import { loadConfig } from '../../config.js';
import type { AppDeps } from '../../platform/module.js';
import { listCsvFiles } from '../policeuk/parse.js';
import { PoliceUkImporter, type ImportFile } from './police-uk-import.js';

const PARTNERSHIP = 'p-test';
const actor = { userId: null, userLabel: 'test' };

const fromDisk = (file: string): ImportFile => ({
  name: path.basename(file),
  source: fs.createReadStream(file),
  size: fs.statSync(file).size,
});

forEachDialect('police.uk import', (ctx) => {
  let deps: AppDeps;
  const count = async (table: 'analytics_records' | 'analytics_imports') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(() => {
    deps = {
      config: loadConfig({ NODE_ENV: 'test' }),
      db: ctx.db,
      dialect: ctx.dialect,
      clock: fixedClock('2026-11-28T10:00:00Z'),
      log: createLogger({ logLevel: 'silent' } as never),
    };
  });

  it('imports the City files clipped to the boundary, and a second import of the same files adds nothing', async () => {
    const files = await listCsvFiles(requireDataset('policeuk/city-of-london'));
    const first = await new PoliceUkImporter(deps).import(PARTNERSHIP, files.map(fromDisk), actor);
    assert.equal(first.status, 'imported');
    const s = first.summary;
    assert.equal(s.rowsRead, 10_536);
    assert.equal(s.rowsRead, s.inside + s.outside + s.noLocation + s.rejected);
    assert.ok(
      s.outside > 0 && s.noLocation > 0,
      'the City files have rows outside the City and rows without location',
    );
    assert.equal(s.added, s.inside);
    assert.equal(await count('analytics_records'), s.inside);
    // Every stored point lies in one of the City's LSOAs.
    const noArea = await ctx.db
      .selectFrom('analytics_records')
      .select('id')
      .where('area_code', 'is', null)
      .execute();
    assert.equal(noArea.length, 0);
    // ASB rows have no Crime ID and still got keys.
    const asb = await ctx.db
      .selectFrom('analytics_records')
      .select('record_key')
      .where('category', '=', 'Anti-social behaviour')
      .execute();
    assert.ok(asb.length > 100 && asb.every((r) => r.record_key.startsWith('h:')));

    const second = await new PoliceUkImporter(deps).import(PARTNERSHIP, files.map(fromDisk), actor);
    assert.equal(second.status, 'imported');
    assert.equal(second.summary.added, 0);
    assert.equal(second.summary.alreadyHeld, s.inside);
    assert.equal(await count('analytics_records'), s.inside);
    assert.equal(await count('analytics_imports'), 2);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'analytics.imported')
      .execute();
    assert.equal(audit.length, 2);
  });

  it('refuses a file with a bad row: nothing written, the line and column reported', async () => {
    const before = { records: await count('analytics_records'), imports: await count('analytics_imports') };
    const lines = fs
      .readFileSync(
        path.join(requireDataset('policeuk/city-of-london'), '2024-05-city-of-london-street.csv'),
        'utf8',
      )
      .split('\n');
    const bad = lines.findIndex((l, i) => i > 0 && !l.includes('"') && l.split(',')[4] !== '');
    const fields = lines[bad].split(',');
    fields[4] = 'west'; // longitude
    lines[bad] = fields.join(',');
    const text = lines.join('\n');
    const outcome = await new PoliceUkImporter(deps).import(
      PARTNERSHIP,
      [{ name: 'bad.csv', source: text }],
      actor,
    );
    assert.equal(outcome.status, 'refused');
    assert.equal(outcome.status === 'refused' && outcome.reason, 'rejected-rows');
    assert.deepEqual(outcome.summary.rejections, [
      { file: 'bad.csv', line: bad + 1, column: 'Longitude', reason: 'longitude "west" is not a number' },
    ]);
    assert.equal(await count('analytics_records'), before.records);
    assert.equal(await count('analytics_imports'), before.imports);

    // Asked to skip rejected rows, the rest go in and the line is still reported.
    const skipped = await new PoliceUkImporter(deps).import(
      PARTNERSHIP,
      [{ name: 'bad.csv', source: text }],
      actor,
      { skipRejected: true },
    );
    assert.equal(skipped.status, 'imported');
    assert.equal(skipped.summary.rejected, 1);
    assert.equal(skipped.summary.rejections[0].line, bad + 1);
    assert.equal(await count('analytics_records'), before.records + skipped.summary.added);
    assert.equal(skipped.summary.added + skipped.summary.alreadyHeld, skipped.summary.inside);
    assert.ok(skipped.summary.inside > 700);
  });

  it('refuses a file that is not police.uk street-level data, saying what was expected', async () => {
    const before = await count('analytics_records');
    const outcome = await new PoliceUkImporter(deps).import(
      PARTNERSHIP,
      [
        {
          name: 'outcomes.csv',
          source:
            'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\nabc,2024-01,x,x,-0.09,51.51,On or near X,E1,N,Y\n',
        },
      ],
      actor,
    );
    assert.equal(outcome.status, 'refused');
    if (outcome.status !== 'refused') return;
    assert.equal(outcome.reason, 'wrong-file');
    assert.match(
      outcome.message,
      /outcomes\.csv is not a police\.uk street-level crime file \(it looks like a police\.uk outcomes file\)/,
    );
    assert.match(outcome.message, /missing column\(s\) Crime type, Last outcome category, Context/);
    assert.equal(await count('analytics_records'), before);
  });

  it('reports swapped latitude and longitude and points outside the UK by line', async () => {
    const header =
      'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    const text = [
      header,
      ',2030-01,P,P,51.515,-0.092,On or near A,,,Anti-social behaviour,,',
      ',2030-01,P,P,-74.0,40.7,On or near B,,,Anti-social behaviour,,',
    ].join('\n');
    const outcome = await new PoliceUkImporter(deps).import(
      PARTNERSHIP,
      [{ name: 'swap.csv', source: text }],
      actor,
    );
    assert.equal(outcome.status, 'refused');
    assert.deepEqual(
      outcome.summary.rejections.map((r) => [r.line, r.reason]),
      [
        [2, 'latitude -0.092 and longitude 51.515 appear swapped'],
        [3, 'coordinates -74.0, 40.7 are outside the UK'],
      ],
    );
  });

  it('refuses the same file given twice in one import', async () => {
    const file = path.join(requireDataset('policeuk/city-of-london'), '2023-05-city-of-london-street.csv');
    const before = await count('analytics_records');
    const outcome = await new PoliceUkImporter(deps).import(
      PARTNERSHIP,
      [fromDisk(file), { ...fromDisk(file), name: 'copy.csv' }],
      actor,
    );
    assert.equal(outcome.status === 'refused' && outcome.reason, 'duplicate-file');
    assert.match(
      outcome.status === 'refused' ? outcome.message : '',
      /copy\.csv is the same file as 2023-05-city-of-london-street\.csv/,
    );
    assert.equal(await count('analytics_records'), before);
  });
});
