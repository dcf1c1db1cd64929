import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { UserRepository } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { can } from '../platform/permissions/roles.js';
import { forbidden, HttpError, notFound } from '../platform/web/errors.js';
import { parseActionPlan, type PlanAction } from './parse.js';
import { PlanRepository } from './repository.js';
import { RAGS, type PlanActionsTable, type PlansTable, type Rag } from './tables.js';

export const RAG_LABELS: Record<Rag, string> = {
  red: 'Red: not complete',
  amber: 'Amber: in progress',
  green: 'Green: complete',
};

export const recordSchema = z.object({
  rag: z.enum(['red', 'amber', 'green'], { message: 'Select a status' }),
  reason: z.string().trim().max(500, 'The reason must be 500 characters or fewer').default(''),
  note: z.string().trim().max(4000, 'Progress must be 4,000 characters or fewer').default(''),
});
export type RecordInput = z.infer<typeof recordSchema>;

export interface Meta {
  ip?: string;
  requestId?: string;
}

/** Who did something to the plan: a signed-in user or a command run by an administrator. */
export interface PlanActor {
  id: string | null;
  name: string;
  label: string;
  partnershipId: string;
}

export const actorOf = (u: CurrentUser): PlanActor => ({
  id: u.id,
  name: u.name,
  label: u.email,
  partnershipId: u.partnershipId,
});

export const CITY_PLAN_FILE = path.join(import.meta.dirname, 'data', 'action-plan-2023.txt');

export const themesOf = (plan: PlansTable): string[] => JSON.parse(plan.themes) as string[];

export function ragCounts(actions: { rag: Rag }[]): Record<Rag, number> {
  const counts: Record<Rag, number> = { red: 0, amber: 0, green: 0 };
  for (const a of actions) counts[a.rag]++;
  return counts;
}

/** RAG counts per theme, in the plan's theme order (actions without a theme last). */
export function ragByTheme(plan: PlansTable, actions: PlanActionsTable[]) {
  const names = [...themesOf(plan), ...(actions.some((a) => !a.theme) ? [null] : [])];
  return names.map((theme) => {
    const of = actions.filter((a) => a.theme === theme);
    return { theme: theme ?? 'No theme', total: of.length, ...ragCounts(of) };
  });
}

/** The partnership's action plans: actions, owners, status with its history, and progress updates. */
export class PlanService {
  readonly repo: PlanRepository;
  private readonly audit: AuditService;
  constructor(private readonly deps: AppDeps) {
    this.repo = new PlanRepository(deps.db);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  /** Loads a published plan for a year; every action starts amber (in progress) unless given. */
  async load(
    partnershipId: string,
    year: number,
    actions: (PlanAction & { rag?: Rag; ragReason?: string })[],
    createdAt = this.deps.clock.iso(),
  ): Promise<PlansTable> {
    const themes = [...new Set(actions.map((a) => a.theme).filter((t): t is string => !!t))];
    const plan: PlansTable = {
      id: newId(),
      partnership_id: partnershipId,
      year,
      title: `Action plan ${year}`,
      themes: JSON.stringify(themes),
      copied_from: null,
      created_at: createdAt,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertPlan(trx, plan);
      const rows = actions.map((a) => newAction(plan, a, createdAt));
      await this.repo.insertActions(trx, rows);
      await this.repo.insertStatusChanges(
        trx,
        rows.map((r) => ({
          id: newId(),
          partnership_id: partnershipId,
          action_id: r.id,
          from_rag: null,
          to_rag: r.rag,
          reason: r.rag_reason || 'Plan loaded',
          user_id: null,
          user_name: null,
          changed_at: createdAt,
        })),
      );
    });
    return plan;
  }

  loadCityPlan(partnershipId: string, year = 2023): Promise<PlansTable> {
    return this.load(partnershipId, year, parseActionPlan(fs.readFileSync(CITY_PLAN_FILE, 'utf8')));
  }

  /** A plan (the latest when no year is given) with its actions and RAG summaries. */
  async overview(partnershipId: string, year?: number) {
    const plans = await this.repo.plans(partnershipId);
    const plan = year === undefined ? plans[0] : plans.find((p) => p.year === year);
    if (!plan) {
      if (year !== undefined) throw notFound('Plan');
      return { plan: null, plans, actions: [], counts: ragCounts([]), themes: [] };
    }
    const actions = await this.repo.actions(plan.id);
    return { plan, plans, actions, counts: ragCounts(actions), themes: ragByTheme(plan, actions) };
  }

  /** The latest plan's actions and RAG counts (meeting agendas list the actions on red). */
  async list(partnershipId: string) {
    const { actions, counts } = await this.overview(partnershipId);
    return { actions, counts };
  }

  canUpdate(user: CurrentUser, action: PlanActionsTable): boolean {
    return (
      can(user.role, 'plan.manage') || (action.lead_officer_id !== null && action.lead_officer_id === user.id)
    );
  }

  async action(partnershipId: string, id: string) {
    const action = await this.repo.action(partnershipId, id);
    if (!action) throw notFound('Action');
    const [plan, progress, history] = await Promise.all([
      this.repo.plan(partnershipId, action.plan_id),
      this.repo.progress(id),
      this.repo.statusHistory(id),
    ]);
    return { action, plan: plan!, progress, history };
  }

  /**
   * Records progress and/or a status change. A status change needs a reason; a submission that
   * neither changes the status nor says anything is refused. Returns field errors, or null when saved.
   */
  async record(
    user: CurrentUser,
    id: string,
    input: RecordInput,
    meta: Meta,
  ): Promise<Record<string, string> | null> {
    const action = await this.repo.action(user.partnershipId, id);
    if (!action) throw notFound('Action');
    if (!this.canUpdate(user, action)) throw forbidden();
    const changes = input.rag !== action.rag;
    if (changes && !input.reason) return { reason: 'Give the reason for changing the status' };
    if (!changes && !input.note) return { note: 'Describe the progress, or change the status' };
    await this.apply(actorOf(user), action, { note: input.note, rag: input.rag, reason: input.reason }, meta);
    return null;
  }

  /** Writes one action's update: progress note, status change (with history), both audited. */
  async apply(
    actor: PlanActor,
    action: PlanActionsTable,
    change: { note?: string; rag?: Rag; reason?: string; fields?: Partial<PlanActionsTable> },
    meta: Meta,
    trx?: Transaction<Database>,
  ): Promise<void> {
    const run = async (t: Transaction<Database>) => {
      const now = this.deps.clock.iso();
      const common = {
        partnership_id: actor.partnershipId,
        action_id: action.id,
        user_id: actor.id,
        user_name: actor.name,
      };
      const set: Partial<PlanActionsTable> = { ...change.fields, updated_at: now };
      if (change.note) {
        await this.repo.insertProgress(t, [{ id: newId(), ...common, note: change.note, created_at: now }]);
        set.progress = change.note;
      }
      const statusChanged = change.rag !== undefined && change.rag !== action.rag;
      if (statusChanged) {
        await this.repo.insertStatusChanges(t, [
          {
            id: newId(),
            ...common,
            from_rag: action.rag,
            to_rag: change.rag!,
            reason: change.reason!,
            changed_at: now,
          },
        ]);
        set.rag = change.rag;
        set.rag_reason = change.reason!;
      }
      await this.repo.updateAction(t, action.id, set);
      await this.audit.record(
        {
          partnershipId: actor.partnershipId,
          userId: actor.id,
          userLabel: actor.label,
          action: 'plan.updated',
          subjectType: 'plan-action',
          subjectId: action.id,
          reason: statusChanged ? change.reason : null,
          details: {
            number: action.number,
            ...(statusChanged ? { from: action.rag, to: change.rag } : {}),
            ...(change.note ? { progress: true } : {}),
            ...(change.fields ? { fields: Object.keys(change.fields) } : {}),
          },
          ...meta,
        },
        t,
      );
    };
    if (trx) await run(trx);
    else await this.deps.db.transaction().execute(run);
  }

  /** Staff who may lead an action (active accounts of the partnership). */
  async officers(partnershipId: string) {
    const users = await new UserRepository(this.deps.db, this.deps.clock).list(partnershipId);
    return users.filter((u) => !u.disabled && u.role !== 'auditor').map((u) => ({ id: u.id, name: u.name }));
  }

  /** Sets an action's owner teams, lead officer and target date (plan managers and the lead officer). */
  async editDetails(
    user: CurrentUser,
    id: string,
    input: { owner: string; leadOfficerId: string | null; targetDate: string | null },
    meta: Meta,
  ): Promise<void> {
    const action = await this.repo.action(user.partnershipId, id);
    if (!action) throw notFound('Action');
    if (!this.canUpdate(user, action)) throw forbidden();
    const officer = input.leadOfficerId
      ? (await this.officers(user.partnershipId)).find((o) => o.id === input.leadOfficerId)
      : null;
    if (input.leadOfficerId && !officer) throw notFound('Officer');
    await this.apply(
      actorOf(user),
      action,
      {
        fields: {
          owner: input.owner,
          lead_officer_id: officer?.id ?? null,
          lead_officer_name: officer?.name ?? null,
          target_date: input.targetDate,
        },
      },
      meta,
    );
  }

  /** Sets the figure an action is measured by and its target (the owner decides on any status change). */
  async setTarget(
    user: CurrentUser,
    id: string,
    figureKey: string,
    target: number,
    meta: Meta,
  ): Promise<void> {
    const action = await this.repo.action(user.partnershipId, id);
    if (!action) throw notFound('Action');
    if (!this.canUpdate(user, action)) throw forbidden();
    await this.apply(
      actorOf(user),
      action,
      { fields: { figure_key: figureKey, figure_target: target } },
      meta,
    );
  }

  /** Starts next year's plan as a copy of this one: the themes, and every action not yet green. */
  async copyToNextYear(user: CurrentUser, planId: string, meta: Meta): Promise<PlansTable> {
    if (!can(user.role, 'plan.manage')) throw forbidden();
    const from = await this.repo.plan(user.partnershipId, planId);
    if (!from) throw notFound('Plan');
    if (await this.repo.planForYear(user.partnershipId, from.year + 1))
      throw new HttpError(409, `There is already a plan for ${from.year + 1}`);
    const now = this.deps.clock.iso();
    const plan: PlansTable = {
      ...from,
      id: newId(),
      year: from.year + 1,
      title: `Action plan ${from.year + 1}`,
      copied_from: from.id,
      created_at: now,
    };
    const open = (await this.repo.actions(from.id)).filter((a) => a.rag !== 'green');
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertPlan(trx, plan);
      const rows = open.map((a) => ({
        ...a,
        id: newId(),
        plan_id: plan.id,
        carried_from: a.id,
        updated_at: now,
      }));
      await this.repo.insertActions(trx, rows);
      await this.repo.insertStatusChanges(
        trx,
        rows.map((r) => ({
          id: newId(),
          partnership_id: user.partnershipId,
          action_id: r.id,
          from_rag: null,
          to_rag: r.rag,
          reason: `Carried over from the ${from.year} plan`,
          user_id: user.id,
          user_name: user.name,
          changed_at: now,
        })),
      );
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'plan.copied',
          subjectType: 'plan',
          subjectId: plan.id,
          details: { from: from.year, to: plan.year, carried: rows.length },
          ...meta,
        },
        trx,
      );
    });
    return plan;
  }
}

export function newAction(
  plan: PlansTable,
  a: PlanAction & { rag?: Rag; ragReason?: string },
  now: string,
): PlanActionsTable {
  return {
    id: newId(),
    partnership_id: plan.partnership_id,
    plan_id: plan.id,
    number: a.number,
    theme: a.theme,
    title: a.title,
    owner: a.owner,
    lead_officer_id: null,
    lead_officer_name: null,
    target_date: null,
    progress: a.progress,
    impact: a.impact,
    rag: a.rag && RAGS.includes(a.rag) ? a.rag : 'amber',
    rag_reason: a.ragReason ?? '',
    figure_key: null,
    figure_target: null,
    carried_from: null,
    updated_at: now,
  };
}
