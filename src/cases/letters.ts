/**
 * The letter (or email) telling a victim their case is closing and why, as the 2025 statutory
 * guidance asks, with the route to the ASB Case Review if they are unhappy.
 */
import { formatLongDate, type IsoDate } from '../platform/dates/calendar-date.js';
import { CLOSURE_REASONS, type ClosureReason } from './rules/workflow.js';

export interface ClosureLetterInput {
  victimName: string;
  reference: string;
  closedOn: IsoDate;
  reason: ClosureReason;
  detail: string;
  officerName: string;
  teamName: string;
  partnershipName: string;
}

export function closureLetter(i: ClosureLetterInput): { subject: string; body: string } {
  const subject = `Your anti-social behaviour case ${i.reference} is closing`;
  const body = [
    `Dear ${i.victimName},`,
    '',
    `We are writing to tell you that we closed your anti-social behaviour case (reference ${i.reference}) on ${formatLongDate(i.closedOn)}.`,
    '',
    `Why the case is closing: ${CLOSURE_REASONS[i.reason]}.`,
    i.detail,
    '',
    'If the problem starts again, report it and quote your case reference so that we can reopen the case.',
    '',
    'If you are unhappy with how your reports have been dealt with, you can ask for an ASB Case Review. ' +
      'A review can be held when you have reported the behaviour 3 or more times in the last 6 months. ' +
      `Ask us about it, or apply online through the ${i.partnershipName} website.`,
    '',
    'Yours sincerely,',
    i.officerName,
    i.teamName,
  ].join('\n');
  return { subject, body };
}
