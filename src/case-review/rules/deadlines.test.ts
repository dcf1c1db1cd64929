import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZodError } from 'zod';
import {
  caseReviewDeadlineReport,
  caseReviewDeadlines,
  deadlineSettingsSchema,
  deadlineStatus,
} from './deadlines.js';

const due = (list: { key: string; dueOn: string }[]) => Object.fromEntries(list.map((d) => [d.key, d.dueOn]));

describe('ASB Case Review deadlines', () => {
  it('count the default working days from the day received', () => {
    // Received Monday 2 March 2026: no bank holidays in the next three weeks.
    assert.deepEqual(due(caseReviewDeadlines({ receivedOn: '2026-03-02' })), {
      acknowledge: '2026-03-04',
      'threshold-decision': '2026-03-09',
      panel: '2026-03-18',
      outcome: '2026-03-23',
    });
  });

  it('skip Christmas, Boxing Day substitute and New Year', () => {
    const d = due(caseReviewDeadlines({ receivedOn: '2026-12-23' }));
    assert.equal(d.acknowledge, '2026-12-29');
    assert.equal(d['threshold-decision'], '2027-01-04'); // 24, 29, 30, 31 Dec, then 4 Jan
    assert.equal(d.outcome, '2027-01-18');
  });

  it('skip Easter 2027', () => {
    const d = due(caseReviewDeadlines({ receivedOn: '2027-03-25' }));
    assert.equal(d.acknowledge, '2027-03-31'); // 30, 31 March
  });

  it('skip Good Friday and Easter Monday 2026 across the whole timetable', () => {
    // Received Thursday 2 April 2026: Good Friday 3 April and Easter Monday 6 April are not counted.
    const d = due(caseReviewDeadlines({ receivedOn: '2026-04-02' }));
    assert.equal(d.acknowledge, '2026-04-08'); // 7, 8 April
    assert.equal(d['threshold-decision'], '2026-04-13'); // 7, 8, 9, 10, 13
    assert.equal(d.panel, '2026-04-22');
    assert.equal(d.outcome, '2026-04-27');
  });

  it('skip a bank holiday Monday (early May and summer 2026)', () => {
    // Friday 1 May 2026, then Monday 4 May is the early May bank holiday: 5, 6 May.
    assert.equal(due(caseReviewDeadlines({ receivedOn: '2026-05-01' })).acknowledge, '2026-05-06');
    // Friday 28 August 2026, then Monday 31 August is the summer bank holiday: 1, 2 September.
    const d = due(
      caseReviewDeadlines(
        { receivedOn: '2026-08-28' },
        { acknowledgeWorkingDays: 2, appealRequestWorkingDays: 10 },
      ),
    );
    assert.equal(d.acknowledge, '2026-09-02');
  });

  it('count the appeal window across Christmas from the day the outcome was sent', () => {
    const list = caseReviewDeadlines({
      receivedOn: '2026-11-20',
      thresholdDecidedOn: '2026-11-25',
      thresholdMet: true,
      panelHeldOn: '2026-12-04',
      outcomeSentOn: '2026-12-18',
    });
    // 21, 22, 23, 24, 29, 30, 31 Dec, 4, 5, 6 Jan: Christmas Day, the Boxing Day substitute and New Year skipped.
    assert.equal(due(list)['appeal-request'], '2027-01-06');
  });

  it('start counting on the next working day for an application received at a weekend', () => {
    assert.equal(due(caseReviewDeadlines({ receivedOn: '2026-03-07' })).acknowledge, '2026-03-10');
  });

  it('add the appeal deadlines once the outcome is sent and an appeal is asked for', () => {
    const list = caseReviewDeadlines({
      receivedOn: '2026-03-02',
      outcomeSentOn: '2026-03-20',
      appealRequestedOn: '2026-03-27',
    });
    const d = due(list);
    assert.equal(d['appeal-request'], '2026-04-07'); // 10 working days after Fri 20 March, skipping Easter 3 and 6 April
    assert.equal(list.find((x) => x.key === 'appeal-request')!.owner, 'applicant');
    assert.equal(d['appeal-outcome'], '2026-04-21'); // 15 working days from 27 March, skipping 3 and 6 April
  });

  it('leave out the panel when the threshold was not met', () => {
    const keys = caseReviewDeadlines({ receivedOn: '2026-03-02', thresholdMet: false }).map((d) => d.key);
    assert.deepEqual(keys, ['acknowledge', 'threshold-decision', 'outcome']);
  });

  it('use local settings', () => {
    const d = due(
      caseReviewDeadlines(
        { receivedOn: '2026-03-02' },
        { acknowledgeWorkingDays: 1, panelWorkingDays: 20, outcomeWorkingDays: 25 },
      ),
    );
    assert.equal(d.acknowledge, '2026-03-03');
    assert.equal(d.panel, '2026-03-30');
  });

  it('refuse settings out of order or not whole days, naming the setting', () => {
    const r = deadlineSettingsSchema.safeParse({ panelWorkingDays: 20, outcomeWorkingDays: 15 });
    assert.deepEqual(r.error?.issues[0].path, ['outcomeWorkingDays']);
    assert.throws(
      () => caseReviewDeadlines({ receivedOn: '2026-03-02' }, { acknowledgeWorkingDays: 1.5 }),
      ZodError,
    );
    assert.throws(() => caseReviewDeadlines({ receivedOn: '2026-02-30' }), /receivedOn/);
  });
});

describe('deadline status', () => {
  const deadline = { dueOn: '2026-03-04', completedOn: null, owner: 'partnership' as const };

  it('is due, due soon, due today, then overdue as the days pass', () => {
    assert.equal(deadlineStatus(deadline, '2026-03-02').status, 'due');
    assert.equal(deadlineStatus(deadline, '2026-03-02').workingDaysLeft, 2);
    assert.equal(deadlineStatus(deadline, '2026-03-03').status, 'due-soon');
    assert.equal(deadlineStatus(deadline, '2026-03-04').status, 'due-today');
    const over = deadlineStatus(deadline, '2026-03-09');
    assert.equal(over.status, 'overdue');
    assert.equal(over.workingDaysLeft, -3);
    assert.equal(over.text, 'Overdue by 3 working days: it was due Wednesday 4 March 2026');
  });

  it('is done, or done late by a number of working days', () => {
    assert.equal(deadlineStatus({ ...deadline, completedOn: '2026-03-04' }, '2026-03-20').status, 'done');
    const late = deadlineStatus({ ...deadline, completedOn: '2026-03-06' }, '2026-03-20');
    assert.equal(late.status, 'done-late');
    assert.match(late.text, /^Done 2 working days late/);
  });

  it('lets an applicant deadline lapse rather than go overdue', () => {
    assert.equal(deadlineStatus({ ...deadline, owner: 'applicant' }, '2026-03-05').status, 'lapsed');
  });

  it('reports every deadline of an application for a day', () => {
    const report = caseReviewDeadlineReport(
      { receivedOn: '2026-03-02', acknowledgedOn: '2026-03-03' },
      '2026-03-10',
    );
    assert.deepEqual(
      report.map((d) => [d.key, d.status]),
      [
        ['acknowledge', 'done'],
        ['threshold-decision', 'overdue'],
        ['panel', 'due'],
        ['outcome', 'due'],
      ],
    );
  });
});
