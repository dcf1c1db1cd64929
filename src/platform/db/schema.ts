/**
 * The database's tables. Each module adds its own tables by declaration merging:
 *
 *   declare module '../platform/db/schema.js' { interface Database { reports: ReportsTable } }
 *
 * Data rules: ids are UUIDv7 text; times are UTC ISO-8601 text with milliseconds; JSON is text;
 * booleans are integer 0/1; every row carries partnership_id.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
