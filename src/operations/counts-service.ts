/** Rough-sleeping street counts by night and area, and the totals by area over time. */
import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { newId } from '../platform/db/ids.js';
import { todayInLondon } from '../platform/dates/calendar-date.js';
import { requiredDate } from '../cases/form-dates.js';
import { OperationsRepository } from './repository.js';
import type { Errors } from './contacts-service.js';

export const countSchema = z.object({
  night: requiredDate('the night of the count'),
  area: z
    .string({ error: 'Enter the area counted' })
    .trim()
    .min(1, 'Enter the area counted')
    .max(100, 'Enter no more than 100 characters'),
  total: z
    .string({ error: 'Enter the number of people seen sleeping rough' })
    .trim()
    .min(1, 'Enter the number of people seen sleeping rough')
    .regex(/^-?\d+$/, 'Enter the number of people as a whole number, like 4')
    .transform(Number)
    .refine((n) => n >= 0, 'The number of people cannot be negative')
    .refine((n) => n <= 10_000, 'Enter a number of people of 10,000 or fewer'),
  notes: z
    .string()
    .trim()
    .max(1000, 'Enter no more than 1000 characters')
    .optional()
    .transform((v) => (v ? v : null)),
});
export type CountForm = z.output<typeof countSchema>;

export interface CountsTable {
  areas: string[];
  /** One row per month, totals per area (the month's highest count in the area, as street counts are snapshots). */
  months: { month: string; byArea: Record<string, number | null>; total: number }[];
  nights: { night: string; area: string; total: number }[];
}

export class CountsService {
  private readonly repo: OperationsRepository;
  constructor(private readonly deps: AppDeps) {
    this.repo = new OperationsRepository(deps.db);
  }

  async record(user: CurrentUser, form: CountForm): Promise<Errors> {
    if (form.night > todayInLondon(this.deps.clock.now()))
      return { night: 'The night of the count must be today or in the past' };
    await this.deps.db.transaction().execute((trx) =>
      this.repo.saveCount(
        {
          id: newId(),
          partnership_id: user.partnershipId,
          night: form.night,
          area: form.area,
          total: form.total,
          notes: form.notes,
          created_by: user.id,
          created_at: this.deps.clock.iso(),
        },
        trx,
      ),
    );
    return {};
  }

  async table(partnershipId: string): Promise<CountsTable> {
    const rows = await this.repo.counts(partnershipId);
    const areas = [...new Set(rows.map((r) => r.area))].sort();
    const byMonth = new Map<string, Record<string, number | null>>();
    for (const r of rows) {
      const m = r.night.slice(0, 7);
      const rec = byMonth.get(m) ?? Object.fromEntries(areas.map((a) => [a, null]));
      rec[r.area] = Math.max(rec[r.area] ?? 0, r.total);
      byMonth.set(m, rec);
    }
    const months = [...byMonth.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, byArea]) => ({
        month,
        byArea,
        total: Object.values(byArea).reduce<number>((s, n) => s + (n ?? 0), 0),
      }));
    return {
      areas,
      months,
      nights: rows.map((r) => ({ night: r.night, area: r.area, total: r.total })).reverse(),
    };
  }
}
