import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect } from '../../test/helpers/db.js';
import { GroupCommitWriter, formatReference } from './writer.js';
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
    const counter = await ctx.db.selectFrom('sequences').select('value').where('name', '=', 'TEST-2026').executeTakeFirstOrThrow();
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
    const used = outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<number>).value);
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
    const rows = await ctx.db.selectFrom('audit_log').select(['seq', 'action', 'subject_id']).where('partnership_id', '=', 'p3').orderBy('seq').execute();
    assert.deepEqual(
      rows.map((r) => r.subject_id ?? r.action),
      ['before.batch', 'item-0', 'item-1', 'item-2', 'item-3', 'item-5', 'after.batch'],
    );
    assert.deepEqual(await audit.verify(), { ok: true, entries: (await ctx.db.selectFrom('audit_log').select('seq').execute()).length });
  });

  it('formats references as ASB-2026-000123', () => assert.equal(formatReference('ASB', 2026, 123), 'ASB-2026-000123'));
});
