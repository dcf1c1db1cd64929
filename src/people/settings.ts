import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService, type Executor } from '../platform/audit/service.js';
import { REPEAT_DEFAULTS, type RepeatSettings } from './repeats.js';
import './tables.js';

const whole = (what: string, min: number, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .regex(/^\d+$/, `Enter ${what} as a whole number, like ${min === 0 ? 50 : Math.max(min, 3)}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `Enter ${what} from ${min} to ${max}`);

/** The thresholds form: GOV.UK wording, field names as on the page. */
export const repeatSettingsSchema = z.object({
  minReports: whole('the number of reports', 2, 50),
  windowDays: whole('the number of days', 7, 730),
  radiusMetres: whole('the distance in metres', 0, 1000),
});

/** Repeat-flag thresholds per partnership; the defaults (3 reports in 90 days, 50 metres) until an administrator saves others. */
export class PeopleSettingsService {
  constructor(private readonly deps: AppDeps) {}

  async get(
    partnershipId: string,
    db: Executor = this.deps.db,
  ): Promise<RepeatSettings & { saved: boolean; updatedAt: string | null }> {
    const row = await db
      .selectFrom('people_settings')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
    if (!row) return { ...REPEAT_DEFAULTS, saved: false, updatedAt: null };
    return {
      minReports: row.min_reports,
      windowDays: row.window_days,
      radiusMetres: row.radius_metres,
      saved: true,
      updatedAt: row.updated_at,
    };
  }

  /** Just the thresholds, for computing flags. */
  async thresholds(partnershipId: string): Promise<RepeatSettings> {
    const { minReports, windowDays, radiusMetres } = await this.get(partnershipId);
    return { minReports, windowDays, radiusMetres };
  }

  async save(
    user: CurrentUser,
    s: RepeatSettings,
    meta: { ip?: string; requestId?: string } = {},
  ): Promise<void> {
    const now = this.deps.clock.iso();
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await this.get(user.partnershipId, trx);
      const values = {
        min_reports: s.minReports,
        window_days: s.windowDays,
        radius_metres: s.radiusMetres,
        updated_by: user.id,
        updated_at: now,
      };
      if (before.saved)
        await trx
          .updateTable('people_settings')
          .set(values)
          .where('partnership_id', '=', user.partnershipId)
          .execute();
      else
        await trx
          .insertInto('people_settings')
          .values({ partnership_id: user.partnershipId, ...values })
          .execute();
      await new AuditService(this.deps.db, this.deps.dialect, this.deps.clock).record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.name,
          action: 'people.settings-changed',
          subjectType: 'people_settings',
          subjectId: user.partnershipId,
          details: {
            before: {
              minReports: before.minReports,
              windowDays: before.windowDays,
              radiusMetres: before.radiusMetres,
            },
            after: s,
          },
          ...meta,
        },
        trx,
      );
    });
  }
}
