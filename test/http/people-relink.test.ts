import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { runDueJobs } from '../../src/platform/jobs.js';
import { newId } from '../../src/platform/db/ids.js';
import { fileTestReport } from '../../src/cases/test-support.js';
import { todayInLondon } from '../../src/platform/dates/calendar-date.js';
import { addBackground } from './people-fixtures.js';

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};

for (const dialect of testDialects()) {
  describe(`people re-link and merges [${dialect}]`, () => {
    let t: TestApp;
    let pid: string;
    let officer: Client;
    // Review decisions need sight of both people: the coordinator sees the whole partnership.
    let coordinator: Client;
    let caseId: string;
    before(async () => {
      t = await startTestApp(dialect);
      pid = t.demo.partnershipId;
      await addBackground(t.deps, pid);
      officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      coordinator = new Client(t.app);
      await coordinator.signIn(DEMO.coordinator);
    });
    after(() => t.close());

    /** Every column naming a person holds a person that exists, is not merged, and (for parties) owns the party's record. */
    const assertNoDanglingPersons = async () => {
      const live = new Set(
        (
          await t.deps.db
            .selectFrom('persons')
            .select('id')
            .where('partnership_id', '=', pid)
            .where('merged_into', 'is', null)
            .execute()
        ).map((p) => p.id),
      );
      for (const ref of t.services.people.personReferences.flatMap((h) => h.columns)) {
        const rows = await sql<{
          v: string;
        }>`select ${sql.ref(ref.column)} as v from ${sql.table(ref.table)} where partnership_id = ${pid} and ${sql.ref(ref.column)} is not null`.execute(
          t.deps.db,
        );
        for (const r of rows.rows)
          assert.ok(live.has(r.v), `${ref.table}.${ref.column} names ${r.v}, which is merged or missing`);
      }
      const records = await t.deps.db
        .selectFrom('person_records')
        .select(['id', 'person_id'])
        .where('partnership_id', '=', pid)
        .execute();
      for (const r of records)
        assert.ok(live.has(r.person_id), `record ${r.id} belongs to a merged or missing person`);
      const byRecord = new Map(records.map((r) => [r.id, r.person_id]));
      for (const p of await t.deps.db
        .selectFrom('case_parties')
        .select(['person_id', 'person_record_id'])
        .where('partnership_id', '=', pid)
        .execute()) {
        assert.equal(p.person_id, byRecord.get(p.person_record_id), 'a case party follows its record');
      }
      const reports = await t.deps.db
        .selectFrom('reports')
        .select(['id', 'reporter_person_id'])
        .where('partnership_id', '=', pid)
        .where('reporter_person_id', 'is not', null)
        .execute();
      for (const r of reports) {
        const rec = await t.deps.db
          .selectFrom('person_records')
          .select('person_id')
          .where('source_id', '=', r.id)
          .executeTakeFirstOrThrow();
        assert.equal(r.reporter_person_id, rec.person_id, 'a report names the person of its reporter record');
      }
    };

    it('knows every column outside the people module that holds a person id', async () => {
      const columns =
        dialect === 'postgres'
          ? (
              await sql<{
                t: string;
                c: string;
              }>`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema() and column_name like '%person_id'`.execute(
                t.deps.db,
              )
            ).rows
          : (
              await sql<{
                t: string;
                c: string;
              }>`select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and p.name like '%person_id'`.execute(
                t.deps.db,
              )
            ).rows;
      const known = new Set(
        t.services.people.personReferences.flatMap((h) => h.columns).map((r) => `${r.table}.${r.column}`),
      );
      const outside = columns
        .filter((x) => !['person_records', 'persons', 'possible_matches', 'person_corrections'].includes(x.t))
        .map((x) => `${x.t}.${x.c}`);
      assert.ok(outside.length >= 5, outside.join(', '));
      for (const col of outside)
        assert.ok(
          known.has(col),
          `${col} holds a person id: register it in its module's PersonReferenceHolder (src/composition.ts) so it follows merges`,
        );
    });

    it('a re-link job merges a split person: the report, the case party and the person page follow', async () => {
      const report = await fileTestReport(t.deps, pid, {
        name: 'Vera Valentine',
        email: 'vera.valentine@example.com',
        phone: '07700 900444',
      });
      await officer.get(`/cases/new?reports=${report.id}`);
      const opened = await officer.post('/cases/new', {
        title: 'Harassment of Vera',
        caseType: 'personal',
        summary: 'Shouting in the stairwell.',
        leadTeamId: t.demo.teams.CCS,
        spocUserId: t.demo.users[DEMO.officer],
        ...date('openedOn', todayInLondon(new Date())),
        reportIds: [report.id],
        addReporters: 'yes',
      });
      assert.equal(opened.statusCode, 303, opened.body.slice(0, 300));
      caseId = String(opened.headers.location).split('/').pop()!;
      const party = await t.deps.db
        .selectFrom('case_parties')
        .selectAll()
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      const reportRow = await t.deps.db
        .selectFrom('reports')
        .select('reporter_person_id')
        .where('id', '=', report.id)
        .executeTakeFirstOrThrow();
      assert.equal(
        party.person_id,
        reportRow.reporter_person_id,
        'the party is linked to the reporter on save',
      );
      const vera = party.person_id;

      // An earlier mistake: the case party's record was kept apart as its own person.
      const split = newId();
      const now = t.deps.clock.iso();
      await t.deps.db
        .insertInto('persons')
        .values({
          id: split,
          partnership_id: pid,
          display_name: 'Vera Valentine',
          created_at: now,
          updated_at: now,
        })
        .execute();
      await t.deps.db
        .updateTable('person_records')
        .set({ person_id: split })
        .where('id', '=', party.person_record_id)
        .execute();
      await t.deps.db
        .updateTable('case_parties')
        .set({ person_id: split })
        .where('id', '=', party.id)
        .execute();

      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      const page = await admin.get('/people/admin');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Re-link all records/);
      const queued = await admin.post('/people/admin/relink');
      assert.equal(queued.statusCode, 302);
      const again = await admin.post('/people/admin/relink');
      assert.equal(again.statusCode, 302);
      const runs = await t.deps.db
        .selectFrom('people_relink_runs')
        .selectAll()
        .where('partnership_id', '=', pid)
        .execute();
      assert.equal(runs.length, 1, 'a second press while queued does not queue another');
      assert.equal(runs[0].status, 'queued');
      assert.match((await admin.get('/people/admin')).body, /A re-link is queued/);

      assert.equal(await runDueJobs(t.deps, 20, t.jobs), 1);
      const run = await t.deps.db
        .selectFrom('people_relink_runs')
        .selectAll()
        .where('id', '=', runs[0].id)
        .executeTakeFirstOrThrow();
      assert.equal(run.status, 'finished', run.error ?? '');
      assert.ok(run.records! >= 200);
      assert.ok(run.persons_after! < run.persons_before!, `${run.persons_before} -> ${run.persons_after}`);
      assert.ok(run.records_moved! >= 1);

      const after = await t.deps.db
        .selectFrom('case_parties')
        .select('person_id')
        .where('id', '=', party.id)
        .executeTakeFirstOrThrow();
      const reportAfter = await t.deps.db
        .selectFrom('reports')
        .select('reporter_person_id')
        .where('id', '=', report.id)
        .executeTakeFirstOrThrow();
      assert.equal(
        after.person_id,
        reportAfter.reporter_person_id,
        'the report and the case party name one person again',
      );
      const gone = [vera, split].find((id) => id !== after.person_id)!;
      const merged = await t.deps.db
        .selectFrom('persons')
        .select('merged_into')
        .where('id', '=', gone)
        .executeTakeFirstOrThrow();
      assert.equal(merged.merged_into, after.person_id);
      await assertNoDanglingPersons();

      const redirect = await admin.get(`/people/${gone}`);
      assert.equal(redirect.statusCode, 302);
      assert.equal(redirect.headers.location, `/people/${after.person_id}`);
      const status = await admin.get('/people/admin');
      assert.match(status.body, /Finished/);
      assert.match(status.body, new RegExp(`>${run.persons_after}<`));
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['people.relink-requested', 'people.relinked'])
        .execute();
      assert.equal(audit.length, 2);
    });

    it('keeps staff decisions: a rejected pair stays apart, a confirmed pair stays together', async () => {
      const people = t.services.people.people;
      const add = (given: string, surname: string, phone: string, email: string, dob = '1970-01-02') =>
        people.addRecord(t.deps.db, {
          partnershipId: pid,
          sourceType: 'import',
          sourceId: newId(),
          role: 'victim',
          givenName: given,
          surname,
          dob,
          phone,
          email,
        });
      const x1 = await add('Ann', 'Example', '07700 900601', 'ann@example.com');
      const x2 = await add('Ann', 'Example', '07700 900601', 'ann@example.com');
      assert.equal(x2.personId, x1.personId, 'identical records link');
      // Staff said they are different people (twins sharing a phone, say).
      const twin = newId();
      const now = t.deps.clock.iso();
      await t.deps.db
        .insertInto('persons')
        .values({
          id: twin,
          partnership_id: pid,
          display_name: 'Ann Example',
          created_at: now,
          updated_at: now,
        })
        .execute();
      await t.deps.db
        .updateTable('person_records')
        .set({ person_id: twin })
        .where('id', '=', x2.recordId)
        .execute();
      const decision = (a: string, b: string, status: string) =>
        t.deps.db
          .insertInto('possible_matches')
          .values({
            id: newId(),
            partnership_id: pid,
            record_a_id: a,
            record_b_id: b,
            match_weight: 0,
            probability: 0.5,
            explanation: '{}',
            status,
            decided_by: null,
            decided_at: now,
            created_at: now,
          })
          .execute();
      await decision(x2.recordId, x1.recordId, 'rejected');
      // And that two very different records are one person.
      const y1 = await add('Zebedee', 'Quark', '07700 900602', 'zq@example.com', '1961-05-06');
      const y2 = await add('Yolanda', 'Marsh', '07700 900603', 'ym@example.com', '1988-11-12');
      assert.notEqual(y1.personId, y2.personId, 'different people stay apart on save');
      await t.deps.db
        .updateTable('person_records')
        .set({ person_id: y1.personId })
        .where('id', '=', y2.recordId)
        .execute();
      await t.deps.db
        .updateTable('persons')
        .set({ merged_into: y1.personId })
        .where('id', '=', y2.personId)
        .execute();
      await decision(y2.recordId, y1.recordId, 'confirmed');

      const summary = await t.services.people.relink.run(pid);
      assert.ok(summary.records >= 204);
      const personOf = async (id: string) =>
        (
          await t.deps.db
            .selectFrom('person_records')
            .select('person_id')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).person_id;
      assert.notEqual(
        await personOf(x1.recordId),
        await personOf(x2.recordId),
        'rejected: still two people after the re-link',
      );
      assert.equal(await personOf(y1.recordId), await personOf(y2.recordId), 'confirmed: still one person');
      const pending = await t.deps.db
        .selectFrom('possible_matches')
        .select(['record_a_id', 'record_b_id'])
        .where('status', '=', 'pending')
        .execute();
      for (const p of pending) {
        const pair = [p.record_a_id, p.record_b_id].sort().join();
        assert.notEqual(pair, [x1.recordId, x2.recordId].sort().join(), 'a decided pair is not queued again');
      }
      await assertNoDanglingPersons();
    });

    it('a match rejected while a re-link is running is not undone by it', async () => {
      const people = t.services.people.people;
      const add = () =>
        people.addRecord(t.deps.db, {
          partnershipId: pid,
          sourceType: 'import',
          sourceId: newId(),
          role: 'victim',
          givenName: 'Quentin',
          surname: 'Vole',
          dob: '1955-02-03',
          phone: '07700 900701',
          email: 'q.vole@example.com',
        });
      const a = await add();
      const b = await add();
      // Two records the model links without hesitation, kept as two people with the question still open.
      const now = t.deps.clock.iso();
      const second = newId();
      await t.deps.db
        .insertInto('persons')
        .values({
          id: second,
          partnership_id: pid,
          display_name: 'Quentin Vole',
          created_at: now,
          updated_at: now,
        })
        .execute();
      await t.deps.db
        .updateTable('person_records')
        .set({ person_id: second })
        .where('id', '=', b.recordId)
        .execute();
      const matchId = newId();
      await t.deps.db
        .insertInto('possible_matches')
        .values({
          id: matchId,
          partnership_id: pid,
          record_a_id: b.recordId,
          record_b_id: a.recordId,
          match_weight: 0,
          probability: 0.2,
          explanation: JSON.stringify({
            a: b.recordId,
            b: a.recordId,
            fields: [],
            priorWeight: 0,
            matchWeight: 0,
            probability: 0.2,
            band: 'possible',
          }),
          status: 'pending',
          decided_by: null,
          decided_at: null,
          created_at: now,
        })
        .execute();
      await coordinator.get('/people/review');
      // The model clusters in a worker thread; meanwhile the officer says they are two people (father and son).
      const running = t.services.people.relink.run(pid);
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(
        (await coordinator.post(`/people/review/${matchId}`, { decision: 'reject' })).statusCode,
        302,
      );
      await running;
      const personOf = async (id: string) =>
        (
          await t.deps.db
            .selectFrom('person_records')
            .select('person_id')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).person_id;
      assert.notEqual(
        await personOf(a.recordId),
        await personOf(b.recordId),
        'the rejection made during the run stands',
      );
      await assertNoDanglingPersons();
    });

    it('a confirmed match moves the report and case references too', async () => {
      const r = await fileTestReport(t.deps, pid, {
        name: 'Olive Oddie',
        email: 'olive.oddie@example.com',
        phone: '07700 900777',
      });
      const rec = await t.deps.db
        .selectFrom('person_records')
        .selectAll()
        .where('source_id', '=', r.id)
        .executeTakeFirstOrThrow();
      // A second person for the same caller, with a pending possible match between the two records.
      const other = newId();
      const now = t.deps.clock.iso();
      await t.deps.db
        .insertInto('persons')
        .values({ id: other, partnership_id: pid, display_name: 'O Oddie', created_at: now, updated_at: now })
        .execute();
      const earlier = newId();
      await t.deps.db
        .insertInto('person_records')
        .values({
          id: earlier,
          partnership_id: pid,
          person_id: other,
          source_type: 'import',
          source_id: null,
          role: 'victim',
          team_id: null,
          given_name: 'O',
          surname: 'Oddie',
          dob: null,
          phone: null,
          phone_e164: null,
          email: null,
          address: null,
          postcode: null,
          uprn: null,
          link_band: 'none',
          link_weight: null,
          created_at: now,
        })
        .execute();
      const matchId = newId();
      await t.deps.db
        .insertInto('possible_matches')
        .values({
          id: matchId,
          partnership_id: pid,
          record_a_id: rec.id,
          record_b_id: earlier,
          match_weight: 1,
          probability: 0.3,
          explanation: JSON.stringify({
            a: rec.id,
            b: earlier,
            fields: [],
            priorWeight: 0,
            matchWeight: 1,
            probability: 0.3,
            band: 'possible',
          }),
          status: 'pending',
          decided_by: null,
          decided_at: null,
          created_at: now,
        })
        .execute();
      await coordinator.get('/people/review');
      const res = await coordinator.post(`/people/review/${matchId}`, { decision: 'confirm' });
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, `/people/review?person=${other}`);
      const report = await t.deps.db
        .selectFrom('reports')
        .select('reporter_person_id')
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      assert.equal(report.reporter_person_id, other, 'the report follows its record');
      const old = await t.deps.db
        .selectFrom('persons')
        .select('merged_into')
        .where('id', '=', rec.person_id)
        .executeTakeFirstOrThrow();
      assert.equal(old.merged_into, other);
      const page = await coordinator.get(res.headers.location as string);
      assert.match(page.body, /Decided: <a class="govuk-link" href="\/people\//);
      await assertNoDanglingPersons();
    });

    it('refuses the admin page and the re-link to a non-administrator', async () => {
      assert.equal((await officer.get('/people/admin')).statusCode, 403);
      await officer.get('/people/review');
      assert.equal((await officer.post('/people/admin/relink')).statusCode, 403);
    });
  });
}
