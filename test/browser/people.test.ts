import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  browserUnavailable,
  startBrowserHarness,
  expectNoAxeViolations,
  signInInBrowser,
  type BrowserHarness,
} from '../helpers/browser.js';
import { DEMO } from '../helpers/app.js';
import { cachedState } from '../../src/people/linkage-state.js';
import { newId } from '../../src/platform/db/ids.js';
import { addBackground } from '../http/people-fixtures.js';

describe('people: review queue, flags and administration in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  let william = '';
  let robert = '';
  let confirmId = '';
  let rejectId = '';

  before(async () => {
    h = await startBrowserHarness();
    const { deps, demo } = h.t;
    const pid = demo.partnershipId;
    await addBackground(deps, pid);
    const people = h.t.services.people.people;
    const add = async (
      givenName: string,
      surname: string,
      dob: string | null,
      phone: string | null,
      postcode: string | null = 'EC1A 1BB',
      apartFrom?: string,
    ) => {
      // Calls taken by the police control room: its agency has a link to these people (need-to-know).
      const r = await people.addRecord(deps.db, {
        partnershipId: pid,
        sourceType: 'import',
        sourceId: newId(),
        role: 'complainant',
        teamId: demo.teams['COLP-CONTROL'],
        givenName,
        surname,
        dob,
        phone,
        postcode,
      });
      if (apartFrom && r.personId === apartFrom) {
        // The engine linked it outright (its bands are tuned over time): keep it apart so staff can decide.
        const personId = newId();
        const now = deps.clock.iso();
        await deps.db
          .insertInto('persons')
          .values({
            id: personId,
            partnership_id: pid,
            display_name: `${givenName} ${surname}`,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await deps.db
          .updateTable('person_records')
          .set({ person_id: personId, link_band: 'possible' })
          .where('id', '=', r.recordId)
          .execute();
        cachedState(deps.db, pid)?.index.assign(r.recordId, personId);
        return { ...r, personId };
      }
      return r;
    };
    /** The pending possible match between two records: the engine's own, or one queued with the engine's explanation. */
    const pendingPair = async (
      a: { recordId: string; personId: string },
      b: { recordId: string; personId: string },
    ) => {
      assert.notEqual(a.personId, b.personId, 'the two records start as two people');
      const queued = await deps.db
        .selectFrom('possible_matches')
        .select('id')
        .where('record_a_id', '=', a.recordId)
        .where('record_b_id', '=', b.recordId)
        .executeTakeFirst();
      if (queued) return queued.id;
      const explanation = cachedState(deps.db, pid)!.index.explain(a.recordId, b.recordId);
      const id = newId();
      const now = deps.clock.iso();
      await deps.db
        .insertInto('possible_matches')
        .values({
          id,
          partnership_id: pid,
          record_a_id: a.recordId,
          record_b_id: b.recordId,
          match_weight: explanation.matchWeight,
          probability: Math.max(explanation.probability, 0.1),
          explanation: JSON.stringify(explanation),
          status: 'pending',
          decided_by: null,
          decided_at: null,
          created_at: now,
        })
        .execute();
      return id;
    };
    // William has complained twice; a third complaint came in as "Bill" with another phone.
    const w1 = await add('William', 'Smithers', '1980-03-07', '07700 900123');
    await add('William', 'Smithers', '1980-03-07', '07700 900123');
    const bill = await add('Bill', 'Smithers', null, '07700 900999', null, w1.personId);
    william = w1.personId;
    confirmId = await pendingPair(bill, w1);
    const r1 = await add('Robert', 'Jonas', '1975-06-01', '07700 900321');
    await add('Robert', 'Jonas', '1975-06-01', '07700 900321');
    const bob = await add('Bob', 'Jonas', null, '07700 900555', null, r1.personId);
    robert = r1.personId;
    rejectId = await pendingPair(bob, r1);
  });
  after(() => h?.close());

  it('a police officer confirms one possible match and rejects another, and sees the flags change', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.policeOfficer);

    await page.goto(`/people/${william}`);
    await page.locator('#flags').getByText('No repeat flags.').waitFor();
    await expectNoAxeViolations(page, 'person page before');

    await page.goto('/people/review');
    await page.getByRole('heading', { name: 'Possible matches', level: 1 }).waitFor();
    await page.locator(`#match-${confirmId}`).waitFor();
    await page.locator(`#match-${rejectId}`).waitFor();
    await expectNoAxeViolations(page, 'review queue');

    await page
      .locator(`#match-${confirmId}`)
      .getByRole('button', { name: /Confirm match/ })
      .click();
    await page.waitForURL(/\/people\/review\?person=/);
    await page.getByText('Match confirmed: the records are now one person').waitFor();
    const decided = page.locator('#decided-person');
    await decided.getByText('William Smithers').waitFor();
    await decided.getByText('Repeat complainant').waitFor();
    assert.equal(
      await page.locator(`#match-${confirmId}`).count(),
      0,
      'the confirmed pair has left the queue',
    );
    await expectNoAxeViolations(page, 'review queue after confirming');

    await page
      .locator(`#match-${rejectId}`)
      .getByRole('button', { name: /Reject match/ })
      .click();
    await page.waitForURL(/\/people\/review\?person=.+/);
    await page.getByText('Match rejected: the records stay apart').waitFor();
    assert.match(await page.locator('#decided-person').innerText(), /Repeat flags now: none/);
    assert.equal(await page.locator(`#match-${rejectId}`).count(), 0);
    await expectNoAxeViolations(page, 'review queue after rejecting');

    await page.locator('#decided-person').getByRole('link', { name: 'Bob Jonas' }).click();
    await page.locator('#flags').getByText('No repeat flags.').waitFor();
    await page.goto(`/people/${robert}`);
    await page.locator('#flags').getByText('No repeat flags.').waitFor();
    assert.doesNotMatch(
      await page.locator('table').innerText(),
      /Bob/,
      'the rejected record stays with its own person',
    );

    await page.goto(`/people/${william}`);
    await page.locator('#flags').getByText('Repeat complainant').waitFor();
    assert.match(await page.locator('table').innerText(), /Bill/);
    await expectNoAxeViolations(page, 'person page after confirming');

    await page.goto('/people/repeats?flag=repeat-complainant');
    await page.getByRole('link', { name: 'William Smithers' }).waitFor();
    await expectNoAxeViolations(page, 'repeat complainants list');
    await ctx.close();
  });

  it('a call handler typing the number sees the repeat flag in the live history', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.callHandler);
    await page.goto('/intake');
    await page.getByLabel('Phone', { exact: true }).pressSequentially('07700 900999', { delay: 10 });
    const history = page.locator('#intake-history');
    await history.getByText('Repeat complainant').waitFor({ timeout: 30_000 });
    await history.getByRole('link', { name: 'William Smithers' }).waitFor();
    await expectNoAxeViolations(page, 'intake with flags');
    await ctx.close();
  });

  it('an administrator changes the thresholds (errors summarised) and queues a re-link', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.admin);
    await page.goto('/people/admin');
    await expectNoAxeViolations(page, 'people admin');
    await page.getByRole('button', { name: 'Change thresholds' }).click();
    await page.getByLabel('Number of reports').fill('one');
    await page.getByRole('button', { name: 'Save thresholds' }).click();
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: /Enter the number of reports as a whole number/ })
      .waitFor();
    await expectNoAxeViolations(page, 'thresholds with an error');
    await page.getByLabel('Number of reports').fill('4');
    await page.getByRole('button', { name: 'Save thresholds' }).click();
    await page.waitForURL('**/people/admin');
    await page.getByText('Repeat flag thresholds saved').waitFor();
    await page.getByText('4 or more').waitFor();
    await page.getByRole('button', { name: 'Re-link all records' }).click();
    await page.getByText('Re-link queued').waitFor();
    await page.locator('#relink-runs').getByText('Queued').waitFor();
    await expectNoAxeViolations(page, 'people admin with a queued re-link');
    // With 4 reports needed, William's three complaints no longer flag him.
    await page.goto(`/people/${william}`);
    await page.locator('#flags').getByText('No repeat flags.').waitFor();
    await ctx.close();
  });
});
