export * from './calendar-date.js';
export * from './bank-holidays.js';
export { addWorkingDays, isWorkingDay, nextWorkingDayOnOrAfter, workingDaysBetween } from './working-days.js';
export { londonInstant, nextLondonTime } from './london.js';
