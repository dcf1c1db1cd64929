import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { londonTime } from '../platform/web/views.js';
import { notFound } from '../platform/web/errors.js';
import { PremisesRepository } from './repository.js';
import {
  assessPremises,
  DEFAULT_CREDIT_TYPES,
  INCIDENT_TYPES,
  type TrafficLightResult,
} from './rules/traffic-light.js';
import type { PremisesTable } from './tables.js';
import { ReportService } from '../reports/service.js';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2026-11-27');

export const incidentSchema = z.object({
  kind: z.literal('penalty'),
  type: z.enum(INCIDENT_TYPES, { message: 'Select what happened' }),
  occurredOn: isoDate,
  summary: z
    .string()
    .trim()
    .min(1, 'Describe what happened')
    .max(500, 'Description must be 500 characters or fewer'),
  /** The premises itself called for help: recorded, but never penalty points. */
  selfReported: z.literal('yes').optional(),
});

/** Why a call from the premises itself carries no points: the scheme must not discourage calling the police. */
export const SELF_REPORTED_REASON =
  'Reported by the premises itself: calling for help never counts against a premises';

export const creditSchema = z.object({
  kind: z.literal('credit'),
  type: z.string().refine((t) => t in DEFAULT_CREDIT_TYPES, 'Select the good practice'),
  occurredOn: isoDate,
  summary: z.string().trim().max(500, 'Note must be 500 characters or fewer').optional(),
});

/** ASB reports this close to a premises, this recent, are listed on its page for licensing staff to weigh. */
export const NEARBY_METRES = 50;
export const NEARBY_DAYS = 90;

export interface RankedPremises extends PremisesTable {
  result: TrafficLightResult;
}

/** Licensed premises and their Traffic Light Scheme colour, with the items that explain it. */
export class PremisesService {
  private readonly repo: PremisesRepository;
  private readonly audit: AuditService;

  private readonly reports: ReportService;

  /** `uses`: the services the composition root has already built (made here when absent). */
  constructor(
    private readonly deps: AppDeps,
    uses: { reports?: ReportService } = {},
  ) {
    this.reports = uses.reports ?? new ReportService(deps);
    this.repo = new PremisesRepository(deps.db);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  private today(): string {
    return londonTime(this.deps.clock.iso(), 'yyyy-MM-dd');
  }

  private assess(
    items: Awaited<ReturnType<PremisesRepository['items']>>,
    today = this.today(),
  ): TrafficLightResult {
    return assessPremises({
      today,
      incidents: items
        .filter((i) => i.kind === 'penalty' && i.occurred_on <= today)
        .map((i) => ({
          id: i.id,
          type: i.type as (typeof INCIDENT_TYPES)[number],
          occurredOn: i.occurred_on,
          summary: i.summary ?? undefined,
          points: i.points,
          pointsReason: i.points_reason,
        })),
      credits: items
        .filter((i) => i.kind === 'credit' && i.type in DEFAULT_CREDIT_TYPES && i.occurred_on <= today)
        .map((i) => ({ id: i.id, type: i.type, awardedOn: i.occurred_on, note: i.summary ?? undefined })),
    });
  }

  /** Every premises with its colour (today's, or as it stood on `asOf`), worst first. */
  async ranked(partnershipId: string, asOf?: string): Promise<RankedPremises[]> {
    const [premises, items] = await Promise.all([
      this.repo.list(partnershipId),
      this.repo.items(partnershipId),
    ]);
    const byPremises = new Map<string, typeof items>();
    for (const i of items) byPremises.set(i.premises_id, [...(byPremises.get(i.premises_id) ?? []), i]);
    return premises
      .map((p) => ({ ...p, result: this.assess(byPremises.get(p.id) ?? [], asOf) }))
      .sort((a, b) => b.result.total - a.result.total || a.name.localeCompare(b.name));
  }

  async detail(user: CurrentUser, id: string, meta: { ip: string; requestId: string }) {
    const p = await this.repo.get(user.partnershipId, id);
    if (!p) throw notFound('Premises');
    const items = await this.repo.items(user.partnershipId, [id]);
    await this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.email,
      action: 'premises.viewed',
      subjectType: 'premises',
      subjectId: id,
      ...meta,
    });
    return { premises: p, result: this.assess(items) };
  }

  /**
   * ASB reports made within NEARBY_METRES of the premises in the last NEARBY_DAYS, newest first. Every
   * viewer sees what, when and where; the reference links only for those with need-to-know. `recorded`
   * says whether the report is already an incident on the premises' Traffic Light record.
   */
  async nearbyReports(user: CurrentUser, p: PremisesTable) {
    if (p.lat == null || p.lng == null) return null;
    const reports = this.reports;
    const since = new Date(Date.parse(this.deps.clock.iso()) - NEARBY_DAYS * 86_400_000).toISOString();
    const [rows, ref, items] = await Promise.all([
      reports.reportsAt(user.partnershipId, { lat: p.lat, lng: p.lng, radiusMetres: NEARBY_METRES }),
      reports.referenceData(user.partnershipId),
      this.repo.items(user.partnershipId, [p.id]),
    ]);
    const recorded = new Set(items.filter((i) => i.source_type === 'report').map((i) => i.source_id));
    const recent = rows.filter((r) => r.created_at >= since);
    return Promise.all(
      recent.map(async (r) => ({
        id: r.id,
        reference: r.reference,
        category: ref.category.get(r.category_code)?.name ?? r.category_code,
        at: r.occurred_at ?? r.created_at,
        place: r.location_text,
        state: ref.state.get(r.state_code)?.label ?? r.state_code,
        canOpen: await reports.canSee(user, r.id),
        recorded: recorded.has(r.id),
      })),
    );
  }

  /**
   * For the register: ASB reports within NEARBY_METRES of each located premises in the last
   * NEARBY_DAYS, and how many of them fell on weekend nights (Friday 18:00 to Monday 06:00, London
   * time), when the night-time economy drives disorder. Counts only: no need-to-know applies.
   */
  async nearbyCounts(
    partnershipId: string,
    premises: PremisesTable[],
  ): Promise<Map<string, { total: number; weekendNights: number }>> {
    const reports = this.reports;
    const since = new Date(Date.parse(this.deps.clock.iso()) - NEARBY_DAYS * 86_400_000).toISOString();
    const counts = new Map<string, { total: number; weekendNights: number }>();
    for (const p of premises) {
      if (p.lat == null || p.lng == null) continue;
      const rows = (
        await reports.reportsAt(partnershipId, { lat: p.lat, lng: p.lng, radiusMetres: NEARBY_METRES })
      ).filter((r) => r.created_at >= since);
      counts.set(p.id, {
        total: rows.length,
        weekendNights: rows.filter((r) => isWeekendNight(r.occurred_at ?? r.created_at)).length,
      });
    }
    return counts;
  }

  /** Records a nearby ASB report as an incident on the premises' Traffic Light record (once). */
  async recordReport(
    user: CurrentUser,
    id: string,
    reportId: string,
    meta: { ip: string; requestId: string },
  ): Promise<string | null> {
    const p = await this.repo.get(user.partnershipId, id);
    if (!p) throw notFound('Premises');
    const nearby = await this.nearbyReports(user, p);
    const report = nearby?.find((r) => r.id === reportId);
    if (!report)
      return `That report is not within ${NEARBY_METRES} metres of ${p.name} in the last ${NEARBY_DAYS} days`;
    if (report.recorded) return `${report.reference} is already recorded against ${p.name}`;
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertItems(trx, [
        {
          id: newId(),
          partnership_id: user.partnershipId,
          premises_id: id,
          kind: 'penalty',
          type: 'asb',
          occurred_on: londonTime(report.at, 'yyyy-MM-dd'),
          summary: `${report.reference}: ${report.category}, ${report.place}`.slice(0, 500),
          points: null,
          points_reason: null,
          source_type: 'report',
          source_id: report.id,
          recorded_by: user.id,
          created_at: this.deps.clock.iso(),
        },
      ]);
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'premises.penalty-added',
          subjectType: 'premises',
          subjectId: id,
          details: { type: 'asb', report: report.reference },
          ...meta,
        },
        trx,
      );
    });
    return null;
  }

  list(partnershipId: string) {
    return this.repo.list(partnershipId);
  }

  async addItem(
    user: CurrentUser,
    id: string,
    input: z.infer<typeof incidentSchema> | z.infer<typeof creditSchema>,
    meta: { ip: string; requestId: string },
  ): Promise<Record<string, string>> {
    const p = await this.repo.get(user.partnershipId, id);
    if (!p) throw notFound('Premises');
    if (input.occurredOn > this.today())
      return { occurredOn: `The date must be today or in the past (${input.occurredOn} is in the future)` };
    if (p.licensed_from && input.occurredOn < p.licensed_from)
      return {
        occurredOn: `${p.name} was first licensed on ${p.licensed_from}: points cannot be dated before the premises existed`,
      };
    const selfReported = input.kind === 'penalty' && input.selfReported === 'yes';
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertItems(trx, [
        {
          id: newId(),
          partnership_id: user.partnershipId,
          premises_id: id,
          kind: input.kind,
          type: input.type,
          occurred_on: input.occurredOn,
          summary: input.summary || null,
          points: selfReported ? 0 : null,
          points_reason: selfReported ? SELF_REPORTED_REASON : null,
          source_type: selfReported ? 'premises-call' : 'staff',
          source_id: null,
          recorded_by: user.id,
          created_at: this.deps.clock.iso(),
        },
      ]);
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: `premises.${input.kind}-added`,
          subjectType: 'premises',
          subjectId: id,
          details: { type: input.type },
          ...meta,
        },
        trx,
      );
    });
    return {};
  }
}

/** Friday 18:00 to Monday 06:00, London time: the weekend the Monday night-time-economy meeting looks back on. */
export function isWeekendNight(iso: string): boolean {
  const [weekday, hour] = londonTime(iso, 'i H').split(' ').map(Number); // ISO weekday: 1 Monday ... 7 Sunday
  return (weekday === 5 && hour >= 18) || weekday === 6 || weekday === 7 || (weekday === 1 && hour < 6);
}
