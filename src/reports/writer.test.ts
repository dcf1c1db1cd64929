import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../test/helpers/db.js';
import { GroupCommitWriter, formatReference, multiRowInsert } from './writer.js';
import { AuditService } from '../platform/audit/service.js';
import { systemClock } from '../platform/db/clock.js';

forEachDialect('group commit writer', (ctx) => {
  it('commits items arriving together in one batch, with contiguous counter numbers and deferred rows', async () => {
    const w = new GroupCommitWriter(ctx.db);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        w.submit(
          async ({ defer, sequence }) => {
            const n = sequence('p1', 'TEST-2026');
            defer('sequences', { partnership_id: 'p1', name: `row-${i}`, value: n });
            return n;
          },
          [{ partnershipId: 'p1', name: 'TEST-2026' }],
        ),
      ),
    );
    assert.deepEqual(
      [...results].sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    const rows = await ctx.db.selectFrom('sequences').selectAll().where('name', 'like', 'row-%').execute();
    assert.equal(rows.length, 10);
    const counter = await ctx.db
      .selectFrom('sequences')
      .select('value')
      .where('name', '=', 'TEST-2026')
      .executeTakeFirstOrThrow();
    assert.equal(Number(counter.value), 10);
  });

  it('isolates a failing item: the others commit, it is rejected, and its counter number is not used', async () => {
    const w = new GroupCommitWriter(ctx.db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        w.submit(
          async ({ defer, sequence }) => {
            const n = sequence('p2', 'FAIL-2026');
            if (i === 2) throw new Error('bad item');
            defer('sequences', { partnership_id: 'p2', name: `ok-${i}`, value: n });
            return n;
          },
          [{ partnershipId: 'p2', name: 'FAIL-2026' }],
        ),
      ),
    );
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    );
    const used = outcomes
      .filter((o) => o.status === 'fulfilled')
      .map((o) => (o as PromiseFulfilledResult<number>).value);
    assert.equal(new Set(used).size, 4);
    const rows = await ctx.db.selectFrom('sequences').selectAll().where('name', 'like', 'ok-%').execute();
    assert.equal(rows.length, 4);
  });

  it("appends a batch's audit entries to the chain in order, after one written outside the writer, and leaves failed items unaudited", async () => {
    const audit = new AuditService(ctx.db, ctx.dialect, systemClock);
    await audit.record({ partnershipId: 'p3', action: 'before.batch' });
    const w = new GroupCommitWriter(ctx.db, 64, audit);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        w.submit(async ({ audit: auditLater }) => {
          auditLater({ partnershipId: 'p3', action: 'batch.item', subjectId: `item-${i}`, details: { i } });
          if (i === 4) throw new Error('bad item');
          return i;
        }),
      ),
    );
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    await audit.record({ partnershipId: 'p3', action: 'after.batch' });
    const rows = await ctx.db
      .selectFrom('audit_log')
      .select(['seq', 'action', 'subject_id'])
      .where('partnership_id', '=', 'p3')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.subject_id ?? r.action),
      ['before.batch', 'item-0', 'item-1', 'item-2', 'item-3', 'item-5', 'after.batch'],
    );
    assert.deepEqual(await audit.verify(), {
      ok: true,
      entries: (await ctx.db.selectFrom('audit_log').select('seq').execute()).length,
    });
  });

  it('writes deferred rows with its own multi-row SQL when it knows the dialect, and through the query builder otherwise', async () => {
    const w = new GroupCommitWriter(ctx.db, 64, null, ctx.dialect);
    const row = (i: number) => ({
      id: `ob-${i}`,
      partnership_id: 'p4',
      channel: 'email',
      recipient: `r${i}@example.org`,
      template: 't',
      subject: `Subject "${i}" it's`,
      body: 'Line one\nline two',
      related_type: null,
      related_id: i % 2 ? `rel-${i}` : null,
      status: 'queued',
      attempts: i,
      last_error: null,
      created_at: '2026-11-28T09:00:00.000Z',
      sent_at: null,
    });
    // One batch of like rows (its own SQL), then one whose rows differ (the query builder fills in the default).
    await Promise.all([0, 1, 2, 3].map((i) => w.submit(async ({ defer }) => defer('outbox', row(i)))));
    await Promise.all(
      [4, 5].map((i) =>
        w.submit(async ({ defer }) => {
          const { attempts, ...rest } = row(i);
          defer('outbox', i === 4 ? rest : { ...rest, attempts });
        }),
      ),
    );
    const rows = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('partnership_id', '=', 'p4')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.id, r.subject, r.body, r.related_id, r.attempts]),
      Array.from({ length: 6 }, (_, i) => [
        `ob-${i}`,
        `Subject "${i}" it's`,
        'Line one\nline two',
        i % 2 ? `rel-${i}` : null,
        i === 4 ? 0 : i,
      ]),
    );
    const sqlite = multiRowInsert('sqlite', 'outbox', [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    assert.equal(sqlite?.sql, 'insert into "outbox" ("id", "n") values (?, ?), (?, ?)');
    assert.deepEqual(sqlite?.parameters, ['a', 1, 'b', 2]);
    assert.equal(
      multiRowInsert('postgres', 'outbox', [
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ])?.sql,
      'insert into "outbox" ("id", "n") values ($1, $2), ($3, $4)',
    );
    assert.equal(multiRowInsert('sqlite', 'outbox', [{ id: 'a', n: 1 }, { id: 'b' }]), null);
    assert.equal(multiRowInsert('sqlite', 'outbox', [{ id: 'a', n: undefined }]), null);
  });

  it('formats references as ASB-2026-000123', () =>
    assert.equal(formatReference('ASB', 2026, 123), 'ASB-2026-000123'));
});
