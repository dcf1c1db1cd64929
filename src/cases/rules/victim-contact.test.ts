import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZodError } from 'zod';
import { FREQUENCIES, shouldPromptCaseReview, victimContactStatus } from './victim-contact.js';

const weekly = { startOn: '2026-03-02', ...FREQUENCIES.weekly };

describe('victim contact', () => {
  it('is due one interval after the start when there has been no contact', () => {
    const s = victimContactStatus(weekly, [], '2026-03-05');
    assert.equal(s.nextDueOn, '2026-03-09');
    assert.equal(s.status, 'due');
    assert.equal(s.text, 'Next contact due 2026-03-09 (no contact since the agreement began)');
  });

  it('runs from the last contact made, ignoring failed attempts, and goes overdue', () => {
    const contacts = [
      { on: '2026-03-09', made: true },
      { on: '2026-03-16', made: false },
      { on: '2026-03-17', made: false },
    ];
    assert.equal(victimContactStatus(weekly, contacts, '2026-03-16').status, 'due-today');
    const s = victimContactStatus(weekly, contacts, '2026-03-19');
    assert.equal(s.lastContactOn, '2026-03-09');
    assert.equal(s.nextDueOn, '2026-03-16');
    assert.equal(s.status, 'overdue');
    assert.equal(s.daysOverdue, 3);
    assert.equal(s.failedAttempts, 2);
    assert.match(
      s.text,
      /^Contact overdue by 3 days: it was due 2026-03-16 \(last contact 2026-03-09; 2 attempts since did not reach them\)$/,
    );
  });

  it('moves a due date off a weekend or bank holiday unless told not to', () => {
    const s = victimContactStatus({ startOn: '2026-12-18', ...FREQUENCIES.weekly }, [], '2026-12-20');
    assert.equal(s.nextDueOn, '2026-12-29'); // Fri 25 Dec and Mon 28 Dec are bank holidays
    const calendar = victimContactStatus(
      { startOn: '2026-12-18', ...FREQUENCIES.weekly, workingDaysOnly: false },
      [],
      '2026-12-20',
    );
    assert.equal(calendar.nextDueOn, '2026-12-25');
  });

  it('counts calendar months with the month-end rule, and fortnights', () => {
    assert.equal(
      victimContactStatus(
        { startOn: '2026-01-30', ...FREQUENCIES.monthly, workingDaysOnly: false },
        [],
        '2026-02-01',
      ).nextDueOn,
      '2026-02-28',
    );
    assert.equal(
      victimContactStatus({ startOn: '2026-03-02', ...FREQUENCIES.fortnightly }, [], '2026-03-03').nextDueOn,
      '2026-03-16',
    );
  });

  it('ignores contacts before the agreement or after today, and stops when the agreement ends', () => {
    const s = victimContactStatus(
      weekly,
      [
        { on: '2026-02-01', made: true },
        { on: '2026-03-20', made: true },
      ],
      '2026-03-05',
    );
    assert.equal(s.lastContactOn, null);
    const ended = victimContactStatus({ ...weekly, endOn: '2026-04-01' }, [], '2026-04-01');
    assert.equal(ended.status, 'ended');
    assert.equal(ended.nextDueOn, null);
  });

  it('refuses a bad agreement or date, naming the field', () => {
    assert.throws(() => victimContactStatus({ ...weekly, every: 0 }, [], '2026-03-05'), ZodError);
    assert.throws(
      () => victimContactStatus({ ...weekly, endOn: '2026-03-01' }, [], '2026-03-05'),
      (e: unknown) => e instanceof ZodError && e.issues[0].path[0] === 'endOn',
    );
    assert.throws(
      () => victimContactStatus(weekly, [{ on: '2026-03-32', made: true }], '2026-03-05'),
      /contacts.0.on/,
    );
  });
});

describe('prompting the ASB Case Review', () => {
  it('does not prompt on a first report', () => {
    const p = shouldPromptCaseReview([{ id: 'R1', reportedOn: '2026-03-01' }], '2026-03-01');
    assert.equal(p.prompt, false);
  });

  it('prompts on the second report within 6 months, including exactly 6 months apart', () => {
    const p = shouldPromptCaseReview(
      [
        { id: 'R1', reportedOn: '2026-03-15' },
        { id: 'R2', reportedOn: '2026-09-15' },
      ],
      '2026-09-15',
    );
    assert.equal(p.prompt, true);
    assert.equal(p.reportId, 'R2');
    assert.equal(p.earlierReportId, 'R1');
    assert.match(
      p.reason,
      /^Report R2 on 2026-09-15 is this victim's second within 6 months \(the previous was R1 on 2026-03-15\)/,
    );
  });

  it('does not prompt when the reports are 6 months and a day apart', () => {
    const p = shouldPromptCaseReview(
      [
        { id: 'R1', reportedOn: '2026-03-15' },
        { id: 'R2', reportedOn: '2026-09-16' },
      ],
      '2026-09-20',
    );
    assert.equal(p.prompt, false);
  });

  it('counts one incident reported twice only once', () => {
    const p = shouldPromptCaseReview(
      [
        { id: 'R1', reportedOn: '2026-03-15', incidentKey: 'INC-1' },
        { id: 'R2', reportedOn: '2026-03-16', incidentKey: 'INC-1' },
      ],
      '2026-03-20',
    );
    assert.equal(p.prompt, false);
  });

  it('ignores reports after today, says third, and does not repeat once the victim is told', () => {
    const reports = [
      { id: 'R1', reportedOn: '2026-01-10' },
      { id: 'R2', reportedOn: '2026-02-10' },
      { id: 'R3', reportedOn: '2026-03-10' },
    ];
    assert.equal(shouldPromptCaseReview(reports, '2026-01-31').prompt, false);
    const third = shouldPromptCaseReview(reports, '2026-03-10');
    assert.match(third.reason, /third within 6 months/);
    assert.equal(shouldPromptCaseReview(reports, '2026-03-10', '2026-03-10').prompt, false);
    assert.equal(shouldPromptCaseReview(reports, '2026-03-10', '2026-02-10').prompt, true);
  });
});
