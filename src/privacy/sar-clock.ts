/**
 * The statutory clock of a subject access request (UK GDPR Art. 12(3); DPA 2018 s.45 for police
 * law-enforcement data). The day of receipt is day one; the answer is due on the same date a
 * calendar month later (the last day of that month when it has no such date), moved to the next
 * working day when it falls on a weekend or bank holiday. It may be extended by two further months
 * only if the requester is told within the first month, and never for Part 3 (law-enforcement) data.
 */
import { addCalendarMonths, isAfter, type IsoDate } from '../platform/dates/calendar-date.js';
import { nextWorkingDayOnOrAfter } from '../platform/dates/working-days.js';

export function sarDueOn(receivedOn: IsoDate): IsoDate {
  return nextWorkingDayOnOrAfter(addCalendarMonths(receivedOn, 1));
}

export function sarExtendedDueOn(receivedOn: IsoDate): IsoDate {
  return nextWorkingDayOnOrAfter(addCalendarMonths(receivedOn, 3));
}

/** Why an extension cannot be made, or null when it can. */
export function extensionRefusal(
  r: { receivedOn: IsoDate; dueOn: IsoDate; lawEnforcement: boolean; extendedTo: IsoDate | null },
  toldOn: IsoDate,
): string | null {
  if (r.lawEnforcement)
    return 'A request for police law-enforcement data (DPA 2018 Part 3) cannot be extended';
  if (r.extendedTo) return 'This request has already been extended';
  if (isAfter(r.receivedOn, toldOn))
    return 'The date the requester was told must be on or after the date received';
  if (isAfter(toldOn, r.dueOn))
    return `The requester must be told within the first month (by ${r.dueOn}) for the request to be extended`;
  return null;
}

/** The date the answer is due now (extended or not), and whether it is overdue today. */
export function sarStatus(
  r: { dueOn: IsoDate; extendedTo: IsoDate | null; answered: boolean },
  today: IsoDate,
): { due: IsoDate; overdue: boolean; daysLeft: number } {
  const due = r.extendedTo ?? r.dueOn;
  const daysLeft = Math.round(
    (Date.parse(`${due}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / 86_400_000,
  );
  return { due, overdue: !r.answered && daysLeft < 0, daysLeft };
}
