import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { UserRepository } from '../../src/platform/auth/users.js';
import type { Actor } from '../../src/case-review/context.js';
import type { ApplicationInput } from '../../src/case-review/schemas.js';

const application = (receivedOn: string): ApplicationInput => ({
  channel: 'phone',
  receivedOn,
  applicantKind: 'victim',
  victimType: 'person',
  victim: {
    name: 'Vera Victim',
    organisation: null,
    address: null,
    postcode: null,
    email: null,
    phone: null,
  },
  problem: {
    description: 'Shouting and music every night',
    location: 'Golden Lane Estate',
    postcode: null,
    startedMonth: null,
    hateRelated: false,
    hateDetails: null,
  },
  reported: [],
  contact: {
    applicant: null,
    email: 'vera@example.com',
    phone: null,
    address: null,
    postcode: null,
    method: 'email',
    supportNeeds: [],
    supportDetails: null,
  },
  consent: null,
});

for (const dialect of testDialects()) {
  describe(`ASB Case Review: a database fault while gathering complaints is an error, never "no complaints" [${dialect}]`, () => {
    let t: TestApp;
    let actor: Actor;
    let id = '';
    let c: Client;

    before(async () => {
      t = await startTestApp(dialect);
      const user = (await new UserRepository(t.deps.db, t.deps.clock).current(
        t.demo.users[DEMO.coordinator],
      ))!;
      actor = { user };
      const s = t.services.caseReview.caseReviews;
      const today = s.ctx.today();
      id = (await s.submit(t.demo.partnershipId, application(today), actor)).id;
      await s.acknowledge(actor, id, today, user.name);
      c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
    });
    after(() => t.close());

    it('shows the threshold page, then an error page while the reports repository fails, then the page again', async () => {
      assert.equal((await c.get(`/case-reviews/${id}/threshold`)).statusCode, 200);

      // The reports repository the app was built with starts failing, as a lost connection would.
      const repo = t.services.reports.reports.repo;
      const { summariesInBox, summariesByPostcode } = repo;
      const fault = async (): Promise<never> => {
        throw new Error('connection terminated unexpectedly');
      };
      repo.summariesInBox = fault;
      repo.summariesByPostcode = fault;
      try {
        const failed = await c.get(`/case-reviews/${id}/threshold`);
        assert.equal(failed.statusCode, 500);
        assert.match(failed.body, /Sorry, there is a problem with the service/);
        assert.doesNotMatch(failed.body, /connection terminated/);

        const review = (await t.services.caseReview.caseReviews.view(actor, id, 'threshold')).r;
        await assert.rejects(t.services.caseReview.threshold.compute(review), /connection terminated/);
      } finally {
        repo.summariesInBox = summariesInBox;
        repo.summariesByPostcode = summariesByPostcode;
      }

      assert.equal((await c.get(`/case-reviews/${id}/threshold`)).statusCode, 200);
    });
  });
}
