import type { AppDeps } from '../../platform/module.js';
import type { CurrentUser } from '../../platform/auth/users.js';
import { AuditService } from '../../platform/audit/service.js';
import { notFound } from '../../platform/web/errors.js';
import { ReferenceService } from '../reference.js';
import { ReportInputError } from '../service.js';
import { ANY, HATE_CATEGORY } from '../defaults.js';

type Meta = { ip: string | null; requestId: string | null };

/** Administrators' edits to the service map, categories and states; each audited. */
export class ServiceMapService {
  private readonly ref: ReferenceService;
  private readonly audit: AuditService;
  /** `uses`: the services the composition root has already built (made here when absent). */
  constructor(
    private readonly deps: AppDeps,
    uses: { reference?: ReferenceService } = {},
  ) {
    this.ref = uses.reference ?? new ReferenceService(deps);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  load(user: CurrentUser) {
    return this.ref.load(user.partnershipId);
  }

  private async record(
    user: CurrentUser,
    action: string,
    subjectId: string,
    details: Record<string, unknown>,
    meta: Meta,
  ) {
    await this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.email,
      action,
      subjectType: 'service-map',
      subjectId,
      ip: meta.ip,
      requestId: meta.requestId,
      details,
    });
  }

  async addRule(
    user: CurrentUser,
    rule: {
      categoryCode: string;
      placeContext: string;
      teamId: string;
      deliveryMethod: 'queue' | 'email';
      deliveryEmail?: string;
    },
    meta: Meta,
  ): Promise<void> {
    const data = await this.ref.load(user.partnershipId);
    if (
      rule.categoryCode !== ANY &&
      rule.categoryCode !== HATE_CATEGORY &&
      !data.category.has(rule.categoryCode)
    ) {
      throw new ReportInputError({ categoryCode: 'Select a category from the list' });
    }
    if (rule.placeContext !== ANY && !data.contexts.some((c) => c.code === rule.placeContext))
      throw new ReportInputError({ placeContext: 'Select a place from the list' });
    if (!data.team.has(rule.teamId)) throw new ReportInputError({ teamId: 'Select a team from the list' });
    const duplicate = data.rules.some(
      (r) =>
        r.categoryCode === rule.categoryCode &&
        r.placeContext === rule.placeContext &&
        r.teamId === rule.teamId,
    );
    if (duplicate)
      throw new ReportInputError({ teamId: 'That team already has a row for this category and place' });
    const id = await this.ref.repo.addRule(
      this.deps.db,
      user.partnershipId,
      { ...rule, deliveryEmail: rule.deliveryMethod === 'email' ? (rule.deliveryEmail ?? null) : null },
      user.id,
    );
    this.ref.invalidate(user.partnershipId);
    await this.record(
      user,
      'service-map.rule-added',
      id,
      { ...rule, team: data.team.get(rule.teamId)?.code },
      meta,
    );
  }

  async removeRule(user: CurrentUser, id: string, meta: Meta): Promise<void> {
    if (!(await this.ref.repo.removeRule(this.deps.db, user.partnershipId, id, user.id)))
      throw notFound('Routing row');
    this.ref.invalidate(user.partnershipId);
    await this.record(user, 'service-map.rule-removed', id, {}, meta);
  }

  async editCategory(
    user: CurrentUser,
    code: string,
    patch: { slaHours: number; publicDescription: string; active: boolean },
    meta: Meta,
  ): Promise<void> {
    const data = await this.ref.load(user.partnershipId);
    const before = data.category.get(code);
    if (!before) throw notFound('Category');
    await this.ref.repo.updateCategory(this.deps.db, user.partnershipId, code, {
      sla_hours: patch.slaHours,
      public_description: patch.publicDescription,
      active: patch.active ? 1 : 0,
    });
    this.ref.invalidate(user.partnershipId);
    await this.record(
      user,
      'service-map.category-changed',
      code,
      { from: { slaHours: before.sla_hours, active: before.active }, to: patch },
      meta,
    );
  }

  async addState(
    user: CurrentUser,
    s: { label: string; publicLabel: string; kind: 'open' | 'closed' },
    meta: Meta,
  ): Promise<void> {
    const code = s.label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const data = await this.ref.load(user.partnershipId);
    if (!code || data.state.has(code))
      throw new ReportInputError({ label: 'There is already a state with that name' });
    await this.ref.repo.addState(this.deps.db, user.partnershipId, { code, ...s });
    this.ref.invalidate(user.partnershipId);
    await this.record(user, 'service-map.state-added', code, s, meta);
  }
}
