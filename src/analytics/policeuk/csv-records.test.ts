import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { mulberry32 } from '../nearrepeat/random.js';
import { CsvRecordSplitter, type CsvRecord } from './csv-records.js';

function splitAll(text: string, chunkSizes: number[]): CsvRecord[] {
  const s = new CsvRecordSplitter();
  const out: CsvRecord[] = [];
  let pos = 0;
  let k = 0;
  while (pos < text.length) {
    const size = chunkSizes[k++ % chunkSizes.length];
    out.push(...s.push(text.slice(pos, pos + size)));
    pos += size;
  }
  out.push(...s.end());
  return out;
}

describe('CSV record splitter', () => {
  it('splits plain and quoted records with their starting lines', () => {
    const text = '\uFEFFa,b,c\r\n1,"two, 2","say ""hi"""\n\n3,"multi\nline",x\n4,,';
    const records = splitAll(text, [1000]);
    assert.deepEqual(records, [
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'two, 2', 'say "hi"'], line: 2 },
      { fields: ['3', 'multi\nline', 'x'], line: 4 },
      { fields: ['4', '', ''], line: 6 },
    ]);
  });

  it('gives the same records as csv-parse on awkward generated input, however it is chunked', () => {
    const rng = mulberry32(99);
    const pieces = ['a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', 'x y', ';', '0.5'];
    for (let trial = 0; trial < 300; trial++) {
      const rows: string[] = [];
      const nRows = 1 + Math.floor(rng() * 6);
      for (let r = 0; r < nRows; r++) {
        const fields: string[] = [];
        const nFields = 1 + Math.floor(rng() * 4);
        for (let f = 0; f < nFields; f++) {
          let v = '';
          const len = Math.floor(rng() * 5);
          for (let k = 0; k < len; k++) v += pieces[Math.floor(rng() * pieces.length)];
          const needsQuotes = /[",\r\n]/.test(v) || rng() < 0.2;
          fields.push(needsQuotes ? `"${v.replace(/"/g, '""')}"` : v);
        }
        rows.push(fields.join(','));
      }
      const eol = rng() < 0.5 ? '\n' : '\r\n';
      const text = rows.join(eol) + (rng() < 0.5 ? eol : '');
      let expected: string[][];
      try {
        expected = parse(text, { relax_column_count: true, skip_empty_lines: true });
      } catch (e) {
        throw new Error(`${(e as Error).message} on ${JSON.stringify(text)}`);
      }
      for (const sizes of [[text.length + 1], [1], [2, 3], [7]]) {
        const got = splitAll(text, sizes).map((r) => r.fields);
        assert.deepEqual(got, expected, `trial ${trial}, chunks ${sizes}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('keeps an unterminated quoted field at the end as the last record', () => {
    assert.deepEqual(
      splitAll('a,"open\n', [3]).map((r) => r.fields),
      [['a', 'open\n']],
    );
  });
});
