import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { londonTime } from '../platform/web/views.js';
import { notFound } from '../platform/web/errors.js';
import { PremisesRepository } from './repository.js';
import { assessPremises, DEFAULT_CREDIT_TYPES, INCIDENT_TYPES, type TrafficLightResult } from './rules/traffic-light.js';
import type { PremisesTable } from './tables.js';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2026-11-27');

export const incidentSchema = z.object({
  kind: z.literal('penalty'),
  type: z.enum(INCIDENT_TYPES, { message: 'Select what happened' }),
  occurredOn: isoDate,
  summary: z.string().trim().min(1, 'Describe what happened').max(500, 'Description must be 500 characters or fewer'),
});

export const creditSchema = z.object({
  kind: z.literal('credit'),
  type: z.string().refine((t) => t in DEFAULT_CREDIT_TYPES, 'Select the good practice'),
  occurredOn: isoDate,
  summary: z.string().trim().max(500, 'Note must be 500 characters or fewer').optional(),
});

export interface RankedPremises extends PremisesTable {
  result: TrafficLightResult;
}

/** Licensed premises and their Traffic Light Scheme colour, with the items that explain it. */
export class PremisesService {
  private readonly repo: PremisesRepository;
  private readonly audit: AuditService;

  constructor(private readonly deps: AppDeps) {
    this.repo = new PremisesRepository(deps.db);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  private today(): string {
    return londonTime(this.deps.clock.iso(), 'yyyy-MM-dd');
  }

  private assess(items: Awaited<ReturnType<PremisesRepository['items']>>): TrafficLightResult {
    return assessPremises({
      today: this.today(),
      incidents: items
        .filter((i) => i.kind === 'penalty' && i.occurred_on <= this.today())
        .map((i) => ({ id: i.id, type: i.type as (typeof INCIDENT_TYPES)[number], occurredOn: i.occurred_on, summary: i.summary ?? undefined, points: i.points, pointsReason: i.points_reason })),
      credits: items
        .filter((i) => i.kind === 'credit' && i.type in DEFAULT_CREDIT_TYPES && i.occurred_on <= this.today())
        .map((i) => ({ id: i.id, type: i.type, awardedOn: i.occurred_on, note: i.summary ?? undefined })),
    });
  }

  /** Every premises with its colour, worst first. */
  async ranked(partnershipId: string): Promise<RankedPremises[]> {
    const [premises, items] = await Promise.all([this.repo.list(partnershipId), this.repo.items(partnershipId)]);
    const byPremises = new Map<string, typeof items>();
    for (const i of items) byPremises.set(i.premises_id, [...(byPremises.get(i.premises_id) ?? []), i]);
    return premises
      .map((p) => ({ ...p, result: this.assess(byPremises.get(p.id) ?? []) }))
      .sort((a, b) => b.result.total - a.result.total || a.name.localeCompare(b.name));
  }

  async detail(user: CurrentUser, id: string, meta: { ip: string; requestId: string }) {
    const p = await this.repo.get(user.partnershipId, id);
    if (!p) throw notFound('Premises');
    const items = await this.repo.items(user.partnershipId, [id]);
    await this.audit.record({ partnershipId: user.partnershipId, userId: user.id, userLabel: user.email, action: 'premises.viewed', subjectType: 'premises', subjectId: id, ...meta });
    return { premises: p, result: this.assess(items) };
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
    if (input.occurredOn > this.today()) return { occurredOn: 'The date must be today or in the past' };
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
          points: null,
          points_reason: null,
          source_type: 'staff',
          source_id: null,
          recorded_by: user.id,
          created_at: this.deps.clock.iso(),
        },
      ]);
      await this.audit.record(
        { partnershipId: user.partnershipId, userId: user.id, userLabel: user.email, action: `premises.${input.kind}-added`, subjectType: 'premises', subjectId: id, details: { type: input.type }, ...meta },
        trx,
      );
    });
    return {};
  }
}
