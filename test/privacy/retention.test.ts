/**
 * Retention on the demo partnership, seven years on: closed records are anonymised while every
 * published figure stays the same; held records and open cases are kept; photos leave the disk;
 * a run stopped between batches resumes without doing anything twice.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, after, it, describe } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { seededRng } from '../../src/platform/rng.js';
import { fixedClock } from '../../src/platform/db/clock.js';
import { seedReportsDemo } from '../../src/reports/seed/demo.js';
import { seedCasesDemo } from '../../src/cases/seed.js';
import { seedCaseReviewDemo } from '../../src/case-review/seed.js';
import { statisticsFor, published } from '../../src/case-review/statistics-service.js';
import { RetentionService } from '../../src/privacy/retention-service.js';
import { reportPhotoDir } from '../../src/reports/photos.js';
import { UserRepository } from '../../src/platform/auth/users.js';

async function figures(t: TestApp) {
  const db = t.deps.db;
  const pid = t.demo.partnershipId;
  const reports = await db
    .selectFrom('reports')
    .select(['category_code', 'state_kind', 'hate_incident', 'lat', 'lng', 'occurred_at', 'photo_count'])
    .where('partnership_id', '=', pid)
    .orderBy('id')
    .execute();
  const cases = await db
    .selectFrom('cases')
    .select(['status', 'risk_band', 'case_type', 'opened_on', 'closed_on'])
    .orderBy('id')
    .execute();
  const parties = await db.selectFrom('case_parties').select(['role', 'person_id']).orderBy('id').execute();
  const review = published(await statisticsFor(t.deps, pid, { from: '2020-01-01', to: '2030-12-31' }));
  return { reports, cases, parties, review };
}

for (const dialect of testDialects()) {
  describe(`retention [${dialect}]`, () => {
    let t: TestApp;
    let later: RetentionService;
    const seven = fixedClock('2034-06-01T09:00:00.000Z');
    before(async () => {
      t = await startTestApp(dialect);
      const shared: Record<string, unknown> = { ...t.demo };
      const ctx = { deps: t.deps, partnershipId: t.demo.partnershipId, shared, rng: seededRng(11) };
      await seedReportsDemo({ ...ctx, rng: seededRng(5) }, 300);
      await seedCasesDemo(ctx);
      await seedCaseReviewDemo(ctx);
      later = new RetentionService({ ...t.deps, clock: seven });
    });
    after(() => t.close());

    it('dry run lists what is due and changes nothing', async () => {
      const before = await figures(t);
      const r = await later.run(t.demo.partnershipId, { dryRun: true, requestedBy: 'test' });
      const report = r.types.find((x) => x.recordType === 'report')!;
      const kase = r.types.find((x) => x.recordType === 'case')!;
      assert.ok(report.due.length > 10, `reports due: ${report.due.length}`);
      assert.ok(kase.due.length > 0, 'closed cases due');
      assert.equal(report.done.length, 0);
      assert.deepEqual(await figures(t), before);
      const named = await t.deps.db
        .selectFrom('reports')
        .select('id')
        .where('id', 'in', report.due)
        .where('reporter_name', 'is not', null)
        .execute();
      assert.ok(named.length > 0, 'names still there after a dry run');
    });

    it('anonymises what is due, keeps held records and open cases, removes photos, and every figure stays equal', async () => {
      const pid = t.demo.partnershipId;
      const db = t.deps.db;
      const dry = await later.run(pid, { dryRun: true, requestedBy: 'test' });
      const dueReports = dry.types.find((x) => x.recordType === 'report')!.due;
      const dueCases = dry.types.find((x) => x.recordType === 'case')!.due;
      // A photo on one due report, on disk.
      const photoReport = dueReports[0];
      const dir = reportPhotoDir(t.deps.config.uploadDir, photoReport);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'p1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0]));
      await db
        .insertInto('report_photos')
        .values({
          id: `photo-${dialect}`,
          partnership_id: pid,
          report_id: photoReport,
          stored_name: 'p1.jpg',
          original_name: 'garden.jpg',
          mime: 'image/jpeg',
          bytes: 4,
          scan_status: 'clean',
          created_at: '2026-01-01T00:00:00.000Z',
        })
        .execute();
      // A legal hold on one due case.
      const dpo = await new UserRepository(db, t.deps.clock).current(t.demo.users['dpo@demo.asbhub.example']);
      await later.placeHold(dpo!, {
        recordType: 'case',
        recordId: dueCases[0],
        reason: 'Civil claim pending',
        reviewOn: '2035-01-01',
      });
      const heldCase = await db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', dueCases[0])
        .executeTakeFirstOrThrow();
      const openCase = await db
        .selectFrom('cases')
        .selectAll()
        .where('status', '!=', 'closed')
        .executeTakeFirstOrThrow();
      const before = await figures(t);

      // Stopped after the first batch of reports, as a crash would.
      await assert.rejects(
        later.run(pid, {
          requestedBy: 'test',
          batchSize: 5,
          afterBatch: (type) => {
            if (type === 'report') throw new Error('killed');
          },
        }),
        /killed/,
      );
      const partial = await db
        .selectFrom('privacy_retention_done')
        .select('record_id')
        .where('record_type', '=', 'report')
        .execute();
      assert.equal(partial.length, 5, 'the first batch committed, nothing else');
      const resumed = await later.run(pid, { requestedBy: 'test', batchSize: 5 });
      const reportPart = resumed.types.find((x) => x.recordType === 'report')!;
      assert.equal(reportPart.done.length, dueReports.length - 5, 'the rest, nothing twice');
      const all = await db
        .selectFrom('privacy_retention_done')
        .select('record_id')
        .where('record_type', '=', 'report')
        .execute();
      assert.deepEqual(new Set(all.map((r) => r.record_id)), new Set(dueReports));

      // Names, contact details, free text and photos gone.
      const after = await db.selectFrom('reports').selectAll().where('id', 'in', dueReports).execute();
      for (const r of after) {
        assert.equal(r.reporter_name, null);
        assert.equal(r.reporter_email, null);
        assert.equal(r.reporter_phone, null);
        assert.equal(r.location_text, null);
        assert.ok(r.description === '[removed]', r.description);
      }
      assert.equal(fs.existsSync(path.join(dir, 'p1.jpg')), false, 'photo removed from disk');
      assert.equal(
        (await db.selectFrom('report_photos').select('id').where('report_id', '=', photoReport).execute())
          .length,
        0,
      );
      const records = await db
        .selectFrom('person_records')
        .selectAll()
        .where('source_type', 'in', ['report', 'call'])
        .where('source_id', 'in', dueReports)
        .execute();
      assert.ok(records.length > 0);
      for (const r of records)
        assert.deepEqual([r.given_name, r.surname, r.phone, r.email], [null, null, null, null]);
      const parties = await db
        .selectFrom('case_parties')
        .selectAll()
        .where('case_id', 'in', dueCases.slice(1))
        .execute();
      for (const p of parties)
        assert.deepEqual([p.display_name, p.phone, p.email, p.health_notes], ['[removed]', null, null, null]);

      // Kept: the held case and the open case, untouched.
      assert.deepEqual(
        await db.selectFrom('cases').selectAll().where('id', '=', heldCase.id).executeTakeFirst(),
        heldCase,
      );
      assert.deepEqual(
        await db.selectFrom('cases').selectAll().where('id', '=', openCase.id).executeTakeFirst(),
        openCase,
      );
      const casePart = resumed.types.find((x) => x.recordType === 'case')!;
      assert.ok(casePart.held.some((h) => h.id === heldCase.id && /Civil claim/.test(h.reason)));

      // Aggregate figures equal: reports by category, place and time; cases; Case Review figures.
      const now = await figures(t);
      assert.deepEqual(now.cases, before.cases);
      assert.deepEqual(now.parties, before.parties);
      assert.deepEqual(now.review, before.review);
      assert.deepEqual(now.reports, before.reports);

      // Run again: nothing left to do. The run records ids and counts only.
      const again = await later.run(pid, { requestedBy: 'test' });
      assert.equal(
        again.types.reduce((n, x) => n + x.done.length, 0),
        0,
      );
      const run = await db
        .selectFrom('privacy_retention_runs')
        .selectAll()
        .where('id', '=', resumed.runId)
        .executeTakeFirstOrThrow();
      assert.equal(run.status, 'finished');
      assert.doesNotMatch(run.summary, /@|\[removed\]/);
    });
  });
}
