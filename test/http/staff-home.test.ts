import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { type NewReport } from '../../src/reports/service.js';

const graffiti: NewReport = {
  channel: 'web',
  categoryCode: 'graffiti',
  hateIncident: false,
  description: 'Tags sprayed on the shutters',
  location: {
    text: 'Cheapside',
    postcode: null,
    lat: 51.514,
    lng: -0.0935,
    precision: 'gazetteer',
    contexts: ['street'],
  },
  occurred: { kind: 'ongoing', at: null, note: null },
  reporter: { kind: 'witness', anonymous: true, contactPreference: 'none' },
};

/** The text of the home page card with this title: its lines, one per line. */
const card = (html: string, title: string): string | null => {
  const at = html.indexOf(`>${title}</a></h3>`);
  if (at < 0) return null;
  const end = html.indexOf('</section>', at);
  return html
    .slice(at, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
};

for (const dialect of testDialects()) {
  describe(`staff home page [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      const reports = t.services.reports.reports;
      const a = await reports.create(
        t.demo.partnershipId,
        graffiti,
        { kind: 'public' },
        { ip: null, requestId: null },
      );
      await reports.create(t.demo.partnershipId, graffiti, { kind: 'public' }, { ip: null, requestId: null });
      // One of them is past its target time.
      await t.deps.db
        .updateTable('reports')
        .set({ due_at: '2020-01-01T00:00:00.000Z' })
        .where('id', '=', a.id)
        .execute();
    });
    after(() => t.close());

    it("shows an officer their team's open and overdue reports and their own case work", async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.cleansingOfficer);
      const home = await c.get('/staff');
      assert.equal(home.statusCode, 200);
      const reports = card(home.body, 'Reports: City Operations (street cleansing, lighting, walkways)');
      assert.ok(
        reports,
        `a reports card for the cleansing team in:\n${home.body.slice(home.body.indexOf('Waiting for you'), home.body.indexOf('Everything you can use'))}`,
      );
      assert.match(reports, /2 open reports/);
      assert.match(reports, /Attention 1 past the target time/);
      assert.match(reports, /0 assigned to you/);
      assert.match(card(home.body, 'Your cases') ?? '', /open actions? for you or your team/);
      assert.equal(card(home.body, 'ASB Case Reviews'), null, 'no Case Review card without the permission');
      const views = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['case.my-work-viewed', 'case.expiring-viewed'])
        .execute();
      assert.deepEqual(views, [], 'counts on the home page are not audited as views of cases');
    });

    it('shows the coordinator Case Review deadlines and possible matches, and a partner agency nothing to count', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
      const home = await c.get('/staff');
      assert.match(card(home.body, 'ASB Case Reviews') ?? '', /due today or soon/);
      assert.match(card(home.body, 'Repeat identification') ?? '', /\d+ possible match(es)? to review/);
      assert.match(card(home.body, 'Licensed premises') ?? '', /\d+ on red/);

      const partner = new Client(t.app);
      await partner.signIn(DEMO.partner);
      const theirs = await partner.get('/staff');
      assert.equal(theirs.statusCode, 200);
      assert.doesNotMatch(theirs.body, /Waiting for you/);
    });

    it('gathers administration pages under one link, listed with what each is for', async () => {
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      const home = await admin.get('/staff');
      const nav = home.body.slice(home.body.indexOf('id="navigation"'), home.body.indexOf('</nav>'));
      assert.match(nav, /href="\/admin"/);
      assert.doesNotMatch(nav, /href="\/admin\/users"|href="\/admin\/service-map"|href="\/admin\/api-keys"/);
      const page = await admin.get('/admin');
      assert.equal(page.statusCode, 200);
      for (const [href, label] of [
        ['/admin/users', 'Users'],
        ['/admin/service-map', 'Service map'],
        ['/admin/api-keys', 'API keys'],
        ['/people/admin', 'Repeat identification'],
      ]) {
        assert.match(page.body, new RegExp(`href="${href}">${label}</a>`), label);
      }
      const officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      const theirs = await officer.get('/staff');
      assert.doesNotMatch(
        theirs.body.slice(theirs.body.indexOf('id="navigation"'), theirs.body.indexOf('</nav>')),
        /href="\/admin"/,
      );
      assert.match((await officer.get('/admin')).body, /Your role has no administration pages/);
    });
  });
}
