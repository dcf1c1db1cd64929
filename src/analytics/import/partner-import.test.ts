import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../../test/helpers/db.js';
import { fixedClock } from '../../platform/db/clock.js';
import { createLogger } from '../../platform/log.js';
import { loadConfig } from '../../config.js';
import type { AppDeps } from '../../platform/module.js';
import { guessMapping, mappingProblems, sourceCode } from './partner-fields.js';
import { parseWhen } from './partner-rows.js';
import { PartnerImporter, previewCsv } from './partner-import.js';

describe('partner dates and times', () => {
  it('reads ISO and UK dates, with a time in London time', () => {
    assert.deepEqual(parseWhen('2024-05-17', '', true), { month: '2024-05', day: '2024-05-17', at: null });
    assert.deepEqual(parseWhen('17/05/2024 22:40', '', true), {
      month: '2024-05',
      day: '2024-05-17',
      at: '2024-05-17T21:40:00.000Z',
    });
    assert.deepEqual(parseWhen('17/01/2024', '22:40', true), {
      month: '2024-01',
      day: '2024-01-17',
      at: '2024-01-17T22:40:00.000Z',
    });
    assert.deepEqual(parseWhen('05/17/2024', '07:05:09', false), {
      month: '2024-05',
      day: '2024-05-17',
      at: '2024-05-17T06:05:09.000Z',
    });
    // An instant with its own zone keeps it; the London day follows.
    assert.deepEqual(parseWhen('2024-03-31T23:30:00Z', '', true), {
      month: '2024-04',
      day: '2024-04-01',
      at: '2024-03-31T23:30:00.000Z',
    });
  });

  it('names what is wrong', () => {
    assert.deepEqual(parseWhen('31/02/2024', '', true), {
      error: 'date "31/02/2024" is not a real date (read as day/month/year)',
      column: 'date',
    });
    assert.deepEqual(parseWhen('Friday', '', true), {
      error: 'date "Friday" is not a date such as 2024-05-17 or 17/05/2024',
      column: 'date',
    });
    assert.deepEqual(parseWhen('2024-05-17', '25:00', true), {
      error: 'time 25:00 is not a time of day',
      column: 'time',
    });
    assert.deepEqual(parseWhen('2024-05-17 10:00', '11:00', true), {
      error: 'the date "2024-05-17 10:00" already has a time, and the time column says "11:00"',
      column: 'time',
    });
  });

  it('guesses a mapping from the header and says what is missing', () => {
    const m = guessMapping('events', [
      'Ref',
      'Date received',
      'Time',
      'Complaint type',
      'Lat',
      'Lon',
      'Street',
    ]);
    assert.deepEqual(m.columns, {
      id: 'Ref',
      date: 'Date received',
      time: 'Time',
      category: 'Complaint type',
      latitude: 'Lat',
      longitude: 'Lon',
      location: 'Street',
    });
    assert.deepEqual(
      mappingProblems('events', { columns: { date: 'Date received', latitude: 'Lat' }, dayFirst: true }, [
        'Date received',
        'Lat',
      ]),
      { longitude: 'Choose both latitude and longitude' },
    );
    assert.deepEqual(
      mappingProblems('cctv', { columns: { easting: 'E', northing: 'N' }, dayFirst: true }, ['E', 'N']),
      { id: 'Choose the column with the asset reference' },
    );
    assert.equal(sourceCode('Noise complaints (EH)'), 'noise-complaints-eh');
  });
});

const noise = [
  'Ref,Date received,Time,Complaint type,Lat,Lon,Street',
  'N1,17/05/2024,22:40,Music,51.5155,-0.0922,Gresham Street',
  'N2,18/05/2024,01:10,Shouting,51.5180,-0.0800,Bishopsgate',
  'N3,18/05/2024,01:15,Shouting,51.5074,-0.1700,Hyde Park',
  'N4,19/05/2024,,Music,,,No location given',
].join('\n');

forEachDialect('partner import', (ctx) => {
  let deps: AppDeps;
  const actor = { userId: null, userLabel: 'test' };
  before(() => {
    deps = {
      config: loadConfig({ NODE_ENV: 'test' }),
      db: ctx.db,
      dialect: ctx.dialect,
      clock: fixedClock('2026-11-28T10:00:00Z'),
      log: createLogger({ logLevel: 'silent' } as never),
    };
  });

  it('imports noise complaints with a saved mapping; a second import adds nothing', async () => {
    const { header } = await previewCsv(noise);
    const mapping = guessMapping('events', header);
    const importer = new PartnerImporter(deps);
    const first = await importer.import(
      'p1',
      { code: null, name: 'Noise complaints', kind: 'events' },
      { name: 'noise.csv', source: noise },
      mapping,
      actor,
    );
    assert.equal(first.status, 'imported');
    assert.deepEqual(
      [first.summary.rowsRead, first.summary.added, first.summary.outside, first.summary.noLocation],
      [4, 2, 1, 1],
    );
    const rows = await ctx.db
      .selectFrom('analytics_records')
      .select(['record_key', 'category', 'occurred_at', 'area_code'])
      .where('source', '=', 'noise-complaints')
      .orderBy('record_key')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.record_key, r.category, r.occurred_at]),
      [
        ['N1', 'Music', '2024-05-17T21:40:00.000Z'],
        ['N2', 'Shouting', '2024-05-18T00:10:00.000Z'],
      ],
    );
    assert.ok(rows.every((r) => r.area_code));
    const saved = await ctx.db
      .selectFrom('analytics_sources')
      .selectAll()
      .where('code', '=', 'noise-complaints')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(saved.mapping), mapping);
    const again = await importer.import(
      'p1',
      { code: 'noise-complaints', name: '', kind: 'events' },
      { name: 'noise.csv', source: noise },
      mapping,
      actor,
    );
    assert.equal(again.status === 'imported' && again.summary.added, 0);
  });

  it('refuses a file with a bad row, naming the line and the column, and writes nothing', async () => {
    const bad =
      noise.replace('N2,18/05/2024,01:10', 'N2,31/02/2024,01:10').replace('N5', 'N5') +
      '\nN6,20/05/2024,10:00,Music,-0.0922,51.5155,Gresham Street';
    const before = await ctx.db.selectFrom('analytics_records').select('id').execute();
    const outcome = await new PartnerImporter(deps).import(
      'p1',
      { code: 'noise-complaints', name: '', kind: 'events' },
      { name: 'bad.csv', source: bad },
      guessMapping('events', bad.split('\n')[0].split(',')),
      actor,
    );
    assert.equal(outcome.status, 'refused');
    assert.deepEqual(outcome.summary.rejections, [
      {
        file: 'bad.csv',
        line: 3,
        column: 'Date received',
        reason: 'date "31/02/2024" is not a real date (read as day/month/year)',
      },
      {
        file: 'bad.csv',
        line: 6,
        column: 'Lat',
        reason: 'latitude -0.0922 and longitude 51.5155 appear swapped',
      },
    ]);
    assert.equal((await ctx.db.selectFrom('analytics_records').select('id').execute()).length, before.length);
  });

  it('refuses a file whose columns do not fit the mapping', async () => {
    const outcome = await new PartnerImporter(deps).import(
      'p1',
      { code: 'noise-complaints', name: '', kind: 'events' },
      { name: 'other.csv', source: 'a,b\n1,2\n' },
      guessMapping('events', ['Ref', 'Date received', 'Lat', 'Lon']),
      actor,
    );
    assert.equal(outcome.status === 'refused' && outcome.reason, 'wrong-file');
    assert.match(
      outcome.status === 'refused' ? outcome.message : '',
      /other\.csv does not fit the column choices: The file has no column "Ref"/,
    );
  });

  it('imports CCTV cameras from British National Grid columns, updating them on re-import; swapped easting and northing are caught', async () => {
    const cams = 'Camera ID,Easting,Northing,Type\nC1,532400,181300,PTZ\nC2,533000,181000,Fixed\n';
    const mapping = {
      columns: { id: 'Camera ID', easting: 'Easting', northing: 'Northing', label: 'Type' },
      dayFirst: true,
    };
    const importer = new PartnerImporter(deps);
    const first = await importer.import(
      'p1',
      { code: null, name: 'CCTV cameras', kind: 'cctv' },
      { name: 'cams.csv', source: cams },
      mapping,
      actor,
    );
    assert.equal(first.status === 'imported' && first.summary.added, 2);
    const second = await importer.import(
      'p1',
      { code: 'cctv-cameras', name: '', kind: 'cctv' },
      { name: 'cams.csv', source: cams.replace('PTZ', 'PTZ (new)') },
      mapping,
      actor,
    );
    assert.equal(second.status === 'imported' && second.summary.added, 0);
    assert.equal(second.summary.alreadyHeld, 2);
    const c1 = await ctx.db
      .selectFrom('analytics_assets')
      .selectAll()
      .where('asset_ref', '=', 'C1')
      .executeTakeFirstOrThrow();
    assert.equal(c1.label, 'PTZ (new)');
    const swapped = await importer.import(
      'p1',
      { code: 'cctv-cameras', name: '', kind: 'cctv' },
      { name: 'swapped.csv', source: 'Camera ID,Easting,Northing,Type\nC3,181300,532400,Fixed\n' },
      mapping,
      actor,
    );
    assert.deepEqual(
      swapped.summary.rejections.map((r) => [r.line, r.column, r.reason]),
      [[2, 'Easting', 'easting 181300 and northing 532400 appear swapped']],
    );
  });
});
