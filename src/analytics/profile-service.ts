import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import { AnalyticsService, type RequestMeta } from './service.js';
import { profileModel, type ProfileModel } from './analysis/profile-model.js';
import { resolveQuery } from './query.js';
import { ASB_HUB_SOURCE } from './sources/record.js';
import type { AnalyticsProfilesTable } from './tables.js';

export const profileTextSchema = z.object({
  findings: z.string().max(20_000, 'Findings must be 20,000 characters or fewer').default(''),
  recommendations: z.string().max(20_000, 'Recommendations must be 20,000 characters or fewer').default(''),
});

export const newProfileSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Enter a title for the profile')
    .max(120, 'The title must be 120 characters or fewer'),
});

/** Problem profiles: what they cover, the analyst's sections, and the figures worked out when shown. */
export class ProfileService {
  private readonly analytics: AnalyticsService;
  private readonly audit: AuditService;

  /** `uses`: the services the composition root has already built (made here when absent). */
  constructor(
    private readonly deps: AppDeps,
    uses: { analytics?: AnalyticsService } = {},
  ) {
    this.analytics = uses.analytics ?? new AnalyticsService(deps);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  list(partnershipId: string) {
    return this.analytics.repo.profiles(partnershipId);
  }

  /** Checks the scope (source, category, period, area) and the title; returns errors by field or the new profile's id. */
  async create(
    user: CurrentUser,
    raw: Record<string, unknown>,
    meta: RequestMeta,
  ): Promise<{ id?: string; errors: Record<string, string> }> {
    const sources = await this.analytics.sources(user.partnershipId);
    const resolved = resolveQuery(sources, raw);
    const title = newProfileSchema.safeParse({ title: raw.title ?? '' });
    const errors = { ...resolved.errors };
    if (!title.success) errors.title = title.error.issues[0].message;
    const areas = await this.analytics.areas(user.partnershipId);
    if (resolved.values.area && !areas.areas.some((a) => a.code === resolved.values.area))
      errors.area = 'Select an area from the list';
    if (!resolved.query) errors.source ??= 'There are no records for this source';
    if (Object.keys(errors).length || !resolved.query || !title.success) return { errors };
    const q = resolved.query;
    const now = this.deps.clock.iso();
    const row: AnalyticsProfilesTable = {
      id: newId(),
      partnership_id: user.partnershipId,
      title: title.data.title,
      source: q.source.code,
      category: q.category,
      area_code: q.areaCode,
      month_from: q.from,
      month_to: q.to,
      findings: '',
      recommendations: '',
      created_by: user.id,
      created_by_label: user.name,
      created_at: now,
      updated_at: now,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.analytics.repo.insertProfile(trx, row);
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'analytics.profile-created',
          subjectType: 'analytics-profile',
          subjectId: row.id,
          ip: meta.ip,
          requestId: meta.requestId,
          details: {
            source: row.source,
            category: row.category,
            from: row.month_from,
            to: row.month_to,
            area: row.area_code,
          },
        },
        trx,
      );
    });
    return { id: row.id, errors: {} };
  }

  async saveText(
    user: CurrentUser,
    id: string,
    text: { findings: string; recommendations: string },
    meta: RequestMeta,
  ): Promise<void> {
    const p = await this.analytics.repo.profile(user.partnershipId, id);
    if (!p) throw notFound('Problem profile');
    await this.deps.db.transaction().execute(async (trx) => {
      await this.analytics.repo.updateProfileText(trx, user.partnershipId, id, {
        ...text,
        updated_at: this.deps.clock.iso(),
      });
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'analytics.profile-edited',
          subjectType: 'analytics-profile',
          subjectId: id,
          ip: meta.ip,
          requestId: meta.requestId,
        },
        trx,
      );
    });
  }

  /** A profile with its figures, audited as viewed (`format` says how: page or pdf). */
  async view(
    user: CurrentUser,
    id: string,
    meta: RequestMeta,
    format: 'page' | 'pdf',
  ): Promise<{
    profile: AnalyticsProfilesTable;
    model: ProfileModel;
    areasBoundary: Awaited<ReturnType<AnalyticsService['areas']>>;
  }> {
    const pid = user.partnershipId;
    const profile = await this.analytics.repo.profile(pid, id);
    if (!profile) throw notFound('Problem profile');
    const [sources, areas, premises, cameras] = await Promise.all([
      this.analytics.sources(pid),
      this.analytics.areas(pid),
      this.analytics.premises(pid),
      this.analytics.assets(pid, 'cctv'),
    ]);
    const source = sources.find((s) => s.code === profile.source) ?? {
      code: profile.source,
      name: profile.source,
      kind: 'partner' as const,
      hasTimes: false,
      categories: [],
      records: 0,
      firstMonth: null,
      lastMonth: null,
    };
    const dataFrom =
      source.firstMonth && source.firstMonth < profile.month_from ? source.firstMonth : profile.month_from;
    const history = await this.analytics.records(pid, {
      source: profile.source,
      monthFrom: dataFrom,
      monthTo: profile.month_to,
    });
    const victimSource = await this.analytics.records(pid, {
      source: ASB_HUB_SOURCE,
      category: profile.source === ASB_HUB_SOURCE ? profile.category : undefined,
      monthFrom: profile.month_from,
      monthTo: profile.month_to,
      areaCode: profile.area_code || undefined,
    });
    const model = profileModel(
      {
        source,
        category: profile.category,
        areaCode: profile.area_code,
        from: profile.month_from,
        to: profile.month_to,
      },
      history,
      areas,
      {
        victimReports: victimSource,
        premises,
        cameras: cameras.map((c) => ({ x: c.easting, y: c.northing })),
      },
    );
    await this.analytics.recordView(user, 'analytics.profile-viewed', 'analytics-profile', id, meta, {
      format,
    });
    return { profile, model, areasBoundary: areas };
  }
}
