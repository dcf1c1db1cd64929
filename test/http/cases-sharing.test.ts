/**
 * Information sharing: a partner sees exactly the cases shared with their agency and nothing else,
 * read only, with sensitive fields withheld unless the share includes them; every share is audited
 * with its reason, and ending a share ends the access.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { todayInLondon } from '../../src/platform/dates/calendar-date.js';
import { AuditService } from '../../src/platform/audit/service.js';

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};

for (const dialect of testDialects()) {
  describe(`sharing cases with partner agencies [${dialect}]`, () => {
    let t: TestApp;
    let officer: Client;
    let partner: Client;
    const today = todayInLondon(new Date());
    const cases: { id: string; reference: string }[] = [];
    let victimPartyId = '';
    let audit: AuditService;

    async function openCase(title: string): Promise<{ id: string; reference: string }> {
      await officer.get('/cases/new');
      const res = await officer.post('/cases/new', {
        title,
        caseType: 'nuisance',
        summary: `${title}: summary`,
        leadTeamId: t.demo.teams.CCS,
        spocUserId: t.demo.users[DEMO.officer],
        ...date('openedOn', today),
      });
      assert.equal(res.statusCode, 303);
      const id = (res.headers.location as string).split('/').pop()!;
      const row = await t.deps.db
        .selectFrom('cases')
        .select('reference')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { id, reference: row.reference };
    }

    before(async () => {
      t = await startTestApp(dialect);
      audit = new AuditService(t.deps.db, t.deps.dialect, t.deps.clock);
      officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      for (const title of [
        'Rough sleeper welfare at Bishopsgate',
        'Begging at Liverpool Street',
        'Noise on Golden Lane',
      ])
        cases.push(await openCase(title));
      const [a] = cases;
      await officer.get(`/cases/${a.id}/parties/new`);
      await officer.post(`/cases/${a.id}/parties/new`, {
        role: 'victim',
        givenName: 'Sam',
        surname: 'Sleeper',
        phone: '07700 900777',
        email: 'sam.sleeper@example.com',
        address: 'Doorway, 10 Bishopsgate',
        healthNotes: 'Diabetic; mental health support from the outreach team',
        ...date('dob', '1980-04-02'),
      });
      victimPartyId = (
        await t.deps.db
          .selectFrom('case_parties')
          .select('id')
          .where('case_id', '=', a.id)
          .executeTakeFirstOrThrow()
      ).id;
      await officer.get(`/cases/${a.id}/contacts`);
      await officer.post(`/cases/${a.id}/contacts`, {
        partyId: victimPartyId,
        ...date('contactedOn', today),
        channel: 'in-person',
        direction: 'outbound',
        successful: 'yes',
        summary: 'Talked about his insulin and a hostel place.',
      });
      partner = new Client(t.app);
      await partner.signIn(DEMO.partner);
    });
    after(() => t.close());

    it('shows a partner no cases before anything is shared', async () => {
      const list = await partner.get('/cases');
      assert.equal(list.statusCode, 200);
      for (const c of cases) assert.doesNotMatch(list.body, new RegExp(c.reference));
      assert.equal((await partner.get(`/cases/${cases[0].id}`)).statusCode, 403);
    });

    it('needs a reason to share, and audits the share with it', async () => {
      const [a] = cases;
      const outreach = t.demo.agencies.OUTREACH;
      await officer.get(`/cases/${a.id}/sharing`);
      const noReason = await officer.post(`/cases/${a.id}/sharing`, {
        agencyId: outreach,
        reason: '',
        includeSensitive: 'no',
      });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Enter the reason for sharing/);
      const own = await officer.post(`/cases/${a.id}/sharing`, {
        agencyId: t.demo.agencies.CoLC,
        reason: 'Sharing with ourselves',
        includeSensitive: 'no',
      });
      assert.equal(own.statusCode, 400);
      assert.match(own.body, /leads the case already/);
      const res = await officer.post(`/cases/${a.id}/sharing`, {
        agencyId: outreach,
        reason: 'Rough sleeping outreach ISA 2025: outreach workers offer him a hostel place',
        includeSensitive: 'no',
      });
      assert.equal(res.statusCode, 303);
      const entries = await audit.search({
        partnershipId: t.demo.partnershipId,
        action: 'case.shared',
        subjectId: a.id,
      });
      assert.equal(entries.length, 1);
      assert.equal(
        entries[0].reason,
        'Rough sleeping outreach ISA 2025: outreach workers offer him a hostel place',
      );
      assert.equal(JSON.parse(entries[0].details).includeSensitive, false);
    });

    it('lets the partner see exactly the shared case, read only, with sensitive fields withheld', async () => {
      const [a, b, c] = cases;
      const list = await partner.get('/cases');
      assert.match(list.body, new RegExp(a.reference));
      assert.doesNotMatch(list.body, new RegExp(b.reference));
      assert.doesNotMatch(list.body, new RegExp(c.reference));
      assert.equal(
        (list.body.match(/href="\/cases\/[0-9a-f-]{36}"/g) ?? []).length,
        1,
        'one case in the list',
      );

      const page = await partner.get(`/cases/${a.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Sam Sleeper/);
      assert.match(page.body, /shared with your agency/);
      for (const secret of [
        '07700 900777',
        'sam.sleeper@example.com',
        '10 Bishopsgate',
        'Diabetic',
        '1980-04-02',
        'insulin',
      ]) {
        for (const path of [
          '',
          `/parties/${victimPartyId}`,
          '/contacts',
          '/timeline',
          '/risk',
          '/documents',
          '/sharing',
        ]) {
          const body = path ? (await partner.get(`/cases/${a.id}${path}`)).body : page.body;
          assert.ok(!body.includes(secret), `${secret} withheld from ${path || 'overview'}`);
        }
      }
      assert.doesNotMatch(page.body, /Add a person|Record a step|Close the case/, 'no change buttons');
      for (const other of [b, c]) {
        const res = await partner.get(`/cases/${other.id}`);
        assert.equal(res.statusCode, 403);
        assert.doesNotMatch(res.body, new RegExp(other.reference));
      }
      const denied = await audit.search({
        partnershipId: t.demo.partnershipId,
        action: 'case.access-denied',
        subjectId: b.id,
      });
      assert.ok(denied.some((d) => d.user_label === DEMO.partner));
      // Changing anything is refused at the route, and audited.
      const post = await partner.post(`/cases/${a.id}/contacts`, { partyId: victimPartyId, summary: 'x' });
      assert.equal(post.statusCode, 403);
      const routeDenied = await audit.search({
        partnershipId: t.demo.partnershipId,
        action: 'access.denied',
      });
      assert.ok(
        routeDenied.some((d) => d.user_label === DEMO.partner && d.subject_id === 'POST /cases/:id/contacts'),
      );
      // Each view the partner made is in the audit log, marked as a shared view.
      const views = await audit.search({
        partnershipId: t.demo.partnershipId,
        action: 'case.viewed',
        subjectId: a.id,
        limit: 100,
      });
      assert.ok(views.some((v) => v.user_label === DEMO.partner && JSON.parse(v.details).mode === 'shared'));
    });

    it('shows sensitive details only when shared explicitly', async () => {
      const [a] = cases;
      await officer.get(`/cases/${a.id}/sharing`);
      const res = await officer.post(`/cases/${a.id}/sharing`, {
        agencyId: t.demo.agencies.OUTREACH,
        reason: 'Health needs: outreach nurse to visit, victim consented on the street',
        includeSensitive: 'yes',
      });
      assert.equal(res.statusCode, 303);
      const party = await partner.get(`/cases/${a.id}/parties/${victimPartyId}`);
      assert.match(party.body, /07700 900777/);
      assert.match(party.body, /Diabetic/);
      const contacts = await partner.get(`/cases/${a.id}/contacts`);
      assert.match(contacts.body, /insulin/);
      const shares = await t.deps.db
        .selectFrom('case_shares')
        .selectAll()
        .where('case_id', '=', a.id)
        .orderBy('shared_at')
        .execute();
      assert.equal(shares.length, 2);
      assert.ok(shares[0].revoked_at, 'the earlier share was replaced');
    });

    it('gives another agency’s staff read-only access through a share, and ending the share ends it', async () => {
      const [a] = cases;
      const police = new Client(t.app);
      await police.signIn(DEMO.policeOfficer);
      assert.equal((await police.get(`/cases/${a.id}`)).statusCode, 403);
      await officer.get(`/cases/${a.id}/sharing`);
      await officer.post(`/cases/${a.id}/sharing`, {
        agencyId: t.demo.agencies.CoLP,
        reason: 'Police patrols at Bishopsgate need the welfare picture',
        includeSensitive: 'no',
      });
      const seen = await police.get(`/cases/${a.id}`);
      assert.equal(seen.statusCode, 200);
      assert.doesNotMatch(seen.body, /07700 900777/);
      assert.equal(
        (await police.get(`/cases/${a.id}/parties/new`)).statusCode,
        403,
        'no changes through a share',
      );

      const sharing = await officer.get(`/cases/${a.id}/sharing`);
      const shareId = /action="\/cases\/[^/]+\/sharing\/([^/]+)\/revoke"/.exec(sharing.body)![1];
      const noReason = await officer.post(`/cases/${a.id}/sharing/${shareId}/revoke`, { reason: '' });
      assert.equal(noReason.statusCode, 400);
      for (const m of sharing.body.matchAll(/action="\/cases\/[^/]+\/sharing\/([^/]+)\/revoke"/g)) {
        await officer.get(`/cases/${a.id}/sharing`);
        assert.equal(
          (await officer.post(`/cases/${a.id}/sharing/${m[1]}/revoke`, { reason: 'Work finished' }))
            .statusCode,
          303,
        );
      }
      assert.equal((await partner.get(`/cases/${a.id}`)).statusCode, 403);
      assert.equal((await police.get(`/cases/${a.id}`)).statusCode, 403);
      assert.doesNotMatch((await partner.get('/cases')).body, new RegExp(a.reference));
      const revoked = await audit.search({
        partnershipId: t.demo.partnershipId,
        action: 'case.share-revoked',
        subjectId: a.id,
      });
      assert.equal(revoked.length, 2);
      assert.ok(revoked.every((r) => r.reason === 'Work finished'));
    });

    it('lets an administrator see every case in the partnership', async () => {
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      const list = await admin.get('/cases');
      for (const c of cases) assert.match(list.body, new RegExp(c.reference));
    });
  });
}
