import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import { parseActionPlan, type PlanAction } from './parse.js';
import type { Rag } from './tables.js';
import './tables.js';
import { PlanRepository } from './repository.js';

export const updateSchema = z.object({
  rag: z.enum(['red', 'amber', 'green'], { message: 'Select a status' }),
  note: z
    .string()
    .trim()
    .min(1, 'Describe the progress')
    .max(4000, 'Progress must be 4,000 characters or fewer'),
});

export const CITY_PLAN_FILE = path.join(import.meta.dirname, 'data', 'action-plan-2023.txt');

/** What ASB Hub gives each of the City plan's actions (DOMAIN.md), with where to find it. */
export const SERVICE_FOR_ACTION: Record<number, { text: string; href?: string }> = {
  2: { text: 'Hotspot analysis by theft subject', href: '/analytics' },
  4: { text: 'Online ASB Case Review application and the whole review', href: '/case-review' },
  6: { text: 'Public reporting journey', href: '/report' },
  7: { text: 'One intake routed to the right team (the service map)', href: '/report' },
  10: { text: 'City Community MARAC referrals', href: '/cases' },
  11: { text: 'Premises register and Traffic Light Scheme', href: '/premises' },
  12: { text: 'Repeat victim identification', href: '/people' },
  13: { text: 'Repeat complainant identification', href: '/people' },
  15: { text: 'Hotspot analysis and problem profile', href: '/analytics' },
  19: { text: 'The powers ladder', href: '/cases' },
  23: { text: 'Traffic Light Scheme for licensed premises', href: '/premises' },
};

/** The partnership's action plan: actions, owners, Red/Amber/Green status and progress updates. */
export class PlanService {
  private readonly audit: AuditService;
  readonly repo: PlanRepository;
  constructor(private readonly deps: AppDeps) {
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
    this.repo = new PlanRepository(deps.db);
  }

  /** Loads a published plan; every action starts amber (in progress) until its owner updates it. */
  async load(partnershipId: string, actions: PlanAction[]): Promise<number> {
    const now = this.deps.clock.iso();
    await this.deps.db.transaction().execute((trx) =>
      this.repo.insertActions(
        trx,
        actions.map((a) => ({
          id: newId(),
          partnership_id: partnershipId,
          number: a.number,
          theme: a.theme,
          title: a.title,
          owner: a.owner,
          progress: a.progress,
          impact: a.impact,
          rag: 'amber',
          updated_at: now,
        })),
      ),
    );
    return actions.length;
  }

  loadCityPlan(partnershipId: string): Promise<number> {
    return this.load(partnershipId, parseActionPlan(fs.readFileSync(CITY_PLAN_FILE, 'utf8')));
  }

  async list(partnershipId: string) {
    const actions = await this.repo.actions(partnershipId);
    const counts: Record<Rag, number> = { red: 0, amber: 0, green: 0 };
    for (const a of actions) counts[a.rag]++;
    return { actions, counts };
  }

  async get(partnershipId: string, id: string) {
    const action = await this.repo.action(partnershipId, id);
    if (!action) throw notFound('Action');
    const updates = await this.repo.updates(id);
    return { action, updates, service: SERVICE_FOR_ACTION[action.number] ?? null };
  }

  async update(
    user: CurrentUser,
    id: string,
    input: z.infer<typeof updateSchema>,
    meta: { ip: string; requestId: string },
  ): Promise<void> {
    const { action } = await this.get(user.partnershipId, id);
    const now = this.deps.clock.iso();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.addUpdate(trx, {
        id: newId(),
        partnership_id: user.partnershipId,
        action_id: id,
        rag: input.rag,
        note: input.note,
        user_id: user.id,
        user_name: user.name,
        created_at: now,
      });
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'plan.updated',
          subjectType: 'plan-action',
          subjectId: id,
          details: { from: action.rag, to: input.rag },
          ...meta,
        },
        trx,
      );
    });
  }
}
