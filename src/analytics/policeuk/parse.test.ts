import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { requireDataset } from '../../../test/helpers/db.js';
import { readBoundaryFile } from '../geo/boundary.js';
import { PoliceUkFormatError, POLICE_UK_COLUMNS } from './columns.js';
import { listCsvFiles, parsePoliceUkCsv, parsePoliceUkFile, type PoliceUkProgress } from './parse.js';
import { RowKeys } from './row.js';

const HEADER = POLICE_UK_COLUMNS.join(',');
const row = (fields: Partial<Record<(typeof POLICE_UK_COLUMNS)[number], string>>) =>
  POLICE_UK_COLUMNS.map(
    (c) => fields[c] ?? (c === 'Month' ? '2024-03' : c === 'Crime type' ? 'Theft from the person' : ''),
  ).join(',');
const bank = { Longitude: '-0.088600', Latitude: '51.513300' };
const asb = { ...bank, 'Crime type': 'Anti-social behaviour', Location: 'On or near Bank' };

async function cityBoundary() {
  return readBoundaryFile(requireDataset('geo/city-of-london-lsoa-2011.wgs84.geojson'));
}

describe('police.uk CSV parsing', () => {
  it('classifies rows as imported, outside, without location or rejected, with line, column and reason', async () => {
    const text = [
      HEADER,
      row({ 'Crime ID': 'abc1', ...bank }), // 2 imported
      row({ 'Crime ID': 'abc2', Longitude: '-0.122700', Latitude: '51.511700' }), // 3 outside (Covent Garden)
      row({ 'Crime ID': 'abc3', Location: 'No Location' }), // 4 no location
      row({ 'Crime ID': 'abc4', Month: '2024-13', ...bank }), // 5 bad month
      row({ 'Crime ID': 'abc5', Longitude: 'west', Latitude: '51.5' }), // 6 not a number
      row({ 'Crime ID': 'abc6', Latitude: '51.5' }), // 7 half a location
      row({ 'Crime ID': 'abc7', Longitude: '2.3522', Latitude: '48.8566' }), // 8 Paris
      row({ 'Crime ID': 'abc8', Longitude: '51.513300', Latitude: '-0.088600' }), // 9 swapped
      'abc9,2024-03,City of London Police', // 10 too few fields
      row({ 'Crime ID': 'abc10', ...bank, 'Crime type': '' }), // 11 no crime type
    ].join('\n');
    const result = await parsePoliceUkCsv(text, { boundary: await cityBoundary() });
    assert.deepEqual(
      result.imported.map((c) => c.line),
      [2],
    );
    assert.deepEqual(
      result.outside.map((c) => c.line),
      [3],
    );
    assert.deepEqual(
      result.noLocation.map((c) => c.line),
      [4],
    );
    const rejected = result.rejected.map((r) => [r.line, r.column]);
    assert.deepEqual(rejected, [
      [5, 'Month'],
      [6, 'Longitude'],
      [7, 'Longitude'],
      [8, 'Longitude'],
      [9, 'Latitude'],
      [10, null],
      [11, 'Crime type'],
    ]);
    assert.match(result.rejected[3].reason, /outside the UK/);
    assert.match(result.rejected[4].reason, /swapped/);
    assert.match(result.rejected[5].reason, /expected 12 fields, found 3/);
    assert.deepEqual(result.summary, {
      rows: 10,
      imported: 1,
      outside: 1,
      noLocation: 1,
      rejected: 7,
      months: ['2024-03'],
    });
    const crime = result.imported[0];
    assert.equal(crime.crimeId, 'abc1');
    assert.equal(crime.key, 'abc1');
    assert.equal(crime.longitude, -0.0886);
    assert.ok(
      crime.easting! > 530000 &&
        crime.easting! < 535000 &&
        crime.northing! > 180000 &&
        crime.northing! < 183000,
    );
  });

  it('keys rows without a Crime ID by content: duplicates stay distinct and a re-import gives the same keys', async () => {
    const text = [
      HEADER,
      row(asb),
      row(asb),
      row({ ...asb, Location: 'On or near Cheapside' }),
      row({ ...asb, Month: '2024-04' }),
    ].join('\n');
    const first = await parsePoliceUkCsv(text);
    const again = await parsePoliceUkCsv(text);
    const keys = first.imported.map((c) => c.key);
    assert.equal(new Set(keys).size, 4, 'every row has its own key');
    assert.deepEqual(
      again.imported.map((c) => c.key),
      keys,
    );
    assert.ok(keys.every((k) => k.startsWith('h:')));
    // The outcome is left out of the content key: police.uk updates it between downloads.
    const updated = await parsePoliceUkCsv(
      [HEADER, row({ ...asb, 'Last outcome category': 'Under investigation' })].join('\n'),
    );
    assert.equal(updated.imported[0].key, keys[0]);
  });

  it('gives a repeated Crime ID a numbered key so no record is lost', async () => {
    const text = [
      HEADER,
      row({ 'Crime ID': 'dup', ...bank }),
      row({ 'Crime ID': 'dup', ...bank, Location: 'On or near Cornhill' }),
    ].join('\n');
    const result = await parsePoliceUkCsv(text);
    assert.deepEqual(
      result.imported.map((c) => c.key),
      ['dup', 'dup~2'],
    );
  });

  it('shares key counters across files when given one RowKeys', async () => {
    const keys = new RowKeys();
    const a = await parsePoliceUkCsv([HEADER, row(asb)].join('\n'), { keys });
    const b = await parsePoliceUkCsv([HEADER, row(asb)].join('\n'), { keys });
    assert.notEqual(a.imported[0].key, b.imported[0].key);
  });

  it('reads a byte stream with a BOM, quoted fields and columns in another order, reporting progress', async () => {
    const cols = [...POLICE_UK_COLUMNS].reverse();
    const lines = ['\uFEFF' + cols.map((c) => `"${c}"`).join(',')];
    for (let i = 0; i < 25; i++) {
      const values: Record<string, string> = {
        'Crime ID': `id${i}`,
        Month: '2024-03',
        'Crime type': 'Robbery',
        Location: '"On or near Lombard Street, EC3"',
        ...bank,
      };
      lines.push(cols.map((c) => values[c] ?? '').join(','));
    }
    const bytes = Buffer.from(lines.join('\r\n'));
    const chunks = Array.from({ length: Math.ceil(bytes.length / 150) }, (_, i) =>
      bytes.subarray(i * 150, (i + 1) * 150),
    );
    const progress: PoliceUkProgress[] = [];
    const result = await parsePoliceUkCsv(Readable.from(chunks), {
      onProgress: (p) => progress.push(p),
      progressEvery: 10,
      totalBytes: bytes.length,
    });
    assert.equal(result.imported.length, 25);
    assert.equal(result.imported[3].location, 'On or near Lombard Street, EC3');
    assert.equal(result.imported[3].crimeType, 'Robbery');
    // Progress comes per chunk read, at least every 10 rows, and once more at the end.
    assert.ok(progress.length >= 3, `${progress.length} progress calls`);
    assert.deepEqual(
      progress.map((p) => p.rows),
      progress.map((p) => p.rows).sort((a, b) => a - b),
    );
    assert.equal(progress.at(-1)!.rows, 25);
    assert.equal(progress.at(-1)!.bytes, bytes.length);
  });

  it('refuses a file that is not police.uk street-level crime, naming the expected columns', async () => {
    const outcomes =
      'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n';
    await assert.rejects(parsePoliceUkCsv(outcomes, { fileName: 'outcomes.csv' }), (err: unknown) => {
      assert.ok(err instanceof PoliceUkFormatError);
      assert.deepEqual(err.missing, ['Crime type', 'Last outcome category', 'Context']);
      assert.match(
        err.message,
        /outcomes\.csv is not a police\.uk street-level crime file \(it looks like a police\.uk outcomes file\)/,
      );
      assert.match(err.message, /Expected the columns: Crime ID, Month, Reported by/);
      return true;
    });
    await assert.rejects(parsePoliceUkCsv('x,y,date\n1,2,2024-01-01\n'), PoliceUkFormatError);
    await assert.rejects(parsePoliceUkCsv(''), /empty/);
  });

  it('parses the real City of London files: every row classified, none rejected, all imported rows inside', async () => {
    const dir = requireDataset('policeuk/city-of-london');
    const boundary = await cityBoundary();
    const files = await listCsvFiles(dir);
    assert.equal(files.length, 13);
    let rows = 0;
    let noLocation = 0;
    for (const file of files) {
      const result = await parsePoliceUkFile(file, { boundary });
      const dataLines =
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.trim()).length - 1;
      const s = result.summary;
      assert.equal(s.rows, dataLines, path.basename(file));
      assert.equal(s.imported + s.outside + s.noLocation + s.rejected, s.rows);
      assert.equal(s.rejected, 0, JSON.stringify(result.rejected.slice(0, 3)));
      assert.deepEqual(s.months, [path.basename(file).slice(0, 7)]);
      assert.ok(s.outside > 0, 'the force records some crimes outside the City');
      for (const c of result.imported) assert.ok(boundary.containsBng(c.easting!, c.northing!));
      for (const c of result.outside) assert.ok(!boundary.containsLonLat(c.longitude!, c.latitude!));
      const asb = [...result.imported, ...result.outside, ...result.noLocation].filter(
        (c) => c.crimeType === 'Anti-social behaviour',
      );
      assert.ok(asb.every((c) => c.crimeId === null && c.key.startsWith('h:')));
      const keys = [...result.imported, ...result.outside, ...result.noLocation].map((c) => c.key);
      assert.equal(new Set(keys).size, keys.length, 'keys are unique within a month');
      rows += s.rows;
      noLocation += s.noLocation;
    }
    assert.equal(rows, 10_536);
    assert.ok(
      noLocation / rows > 0.05 && noLocation / rows < 0.15,
      `share without location ${noLocation / rows}`,
    );
  });
});
