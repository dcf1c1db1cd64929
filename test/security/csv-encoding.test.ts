import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { forEachDialect } from '../helpers/db.js';
import { fixedClock } from '../../src/platform/db/clock.js';
import { createLogger } from '../../src/platform/log.js';
import { loadConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/platform/module.js';
import { guessMapping } from '../../src/analytics/import/partner-fields.js';
import { PartnerImporter, previewCsv } from '../../src/analytics/import/partner-import.js';
import { TextChunkDecoder, MixedEncodingError } from '../../src/platform/text-encoding.js';

const text = [
  'Ref,Date received,Time,Complaint type,Lat,Lon,Street',
  'L1,17/05/2024,22:40,Café music,51.5155,-0.0922,Gresham Street',
  'L2,18/05/2024,01:10,Shouting – £5 bet,51.5180,-0.0800,Bishopsgate',
].join('\n');
const latin1 = Buffer.from(text.replace('–', '-'), 'latin1');

/** The bytes as a stream of small chunks, as an upload arrives. */
const chunked = (buf: Buffer, size = 7) =>
  Readable.from(
    Array.from({ length: Math.ceil(buf.length / size) }, (_, i) => buf.subarray(i * size, (i + 1) * size)),
  );

describe('text decoding of uploaded CSV', () => {
  it('reads UTF-8 split mid-character, and Latin-1 / Windows-1252 detected', () => {
    const utf8 = Buffer.from(text, 'utf8');
    for (const bytes of [utf8, Buffer.from(text.replace('–', '\x96'), 'latin1')]) {
      const d = new TextChunkDecoder();
      let out = '';
      for (let i = 0; i < bytes.length; i += 5) out += d.write(bytes.subarray(i, i + 5));
      out += d.end();
      assert.equal(out, text);
    }
  });

  it('refuses a file that turns from UTF-8 to Latin-1, naming the line', () => {
    const mixed = Buffer.concat([
      Buffer.from('a,b\nCafé,1\n', 'utf8'),
      Buffer.from('x,2\nNaïve,3\n', 'latin1'),
    ]);
    const d = new TextChunkDecoder();
    assert.throws(
      () => {
        d.write(mixed);
        d.end();
      },
      (err: unknown) => err instanceof MixedEncodingError && err.line === 4,
    );
  });
});

forEachDialect('partner import of a Latin-1 CSV', (ctx) => {
  let deps: AppDeps;
  before(() => {
    deps = {
      config: loadConfig({ NODE_ENV: 'test' }),
      db: ctx.db,
      dialect: ctx.dialect,
      clock: fixedClock('2026-11-28T10:00:00Z'),
      log: createLogger({ logLevel: 'silent' } as never),
    };
  });

  it('stores the accented text as written, not as replacement characters', async () => {
    const { header } = await previewCsv(latin1);
    const outcome = await new PartnerImporter(deps).import(
      'p1',
      { code: null, name: 'Latin noise', kind: 'events' },
      { name: 'latin.csv', source: chunked(latin1) },
      guessMapping('events', header),
      { userId: null, userLabel: 'test' },
    );
    assert.equal(outcome.status, 'imported');
    const rows = await ctx.db
      .selectFrom('analytics_records')
      .select('category')
      .where('source', '=', 'latin-noise')
      .orderBy('record_key')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.category),
      ['Café music', 'Shouting - £5 bet'],
    );
  });

  it('refuses a file mixing UTF-8 and Latin-1 with the line named, writing nothing', async () => {
    const mixed = Buffer.concat([
      Buffer.from(`${text.split('\n').slice(0, 2).join('\n')}\n`, 'utf8'),
      Buffer.from('L3,19/05/2024,02:00,Señal,51.5160,-0.0900,Cheapside\n', 'latin1'),
    ]);
    const outcome = await new PartnerImporter(deps).import(
      'p1',
      { code: null, name: 'Mixed noise', kind: 'events' },
      { name: 'mixed.csv', source: mixed },
      guessMapping('events', text.split('\n')[0].split(',')),
      { userId: null, userLabel: 'test' },
    );
    assert.equal(outcome.status, 'refused');
    assert.match((outcome as { message: string }).message, /mixed\.csv: line 3 is not UTF-8 text/);
    const rows = await ctx.db
      .selectFrom('analytics_records')
      .select('id')
      .where('source', '=', 'mixed-noise')
      .execute();
    assert.equal(rows.length, 0);
  });
});
