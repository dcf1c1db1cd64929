/** Case actions: an owner (team or officer), a due date, a status and a Red/Amber/Green rating. */
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import { can } from '../platform/permissions/roles.js';
import { daysBetween } from '../platform/dates/calendar-date.js';
import type { Actor } from './context.js';
import type { CaseService, Errors, Result } from './service.js';
import type { ActionForm, ActionUpdateForm } from './schemas.js';
import { ActionsRepository } from './actions-repository.js';
import { ACTION_STATUSES } from './labels.js';

const OPEN = new Set(['open', 'in-progress']);

export class ActionsService {
  readonly repo: ActionsRepository;
  constructor(private readonly cases: CaseService) {
    this.repo = new ActionsRepository(cases.ctx.deps.db);
  }

  /** 'team:<id>' or 'user:<id>' → the owning team and officer, checked against the partnership. */
  private async owner(
    partnershipId: string,
    value: string,
  ): Promise<{ teamId: string | null; userId: string | null; label: string } | null> {
    const [kind, id] = value.split(':');
    if (kind === 'team') {
      const t = await this.cases.repo.team(id);
      return t && t.partnership_id === partnershipId ? { teamId: t.id, userId: null, label: t.name } : null;
    }
    if (kind === 'user') {
      const u = await this.cases.repo.user(id);
      return u && u.partnership_id === partnershipId && !u.disabled
        ? { teamId: u.team_id, userId: u.id, label: u.name }
        : null;
    }
    return null;
  }

  async add(actor: Actor, caseId: string, form: ActionForm): Promise<Result<{ id: string }>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'manage');
    const errors: Errors = {};
    const owner = await this.owner(c.partnership_id, form.owner);
    if (!owner) errors.owner = 'Choose who owns the action from the list';
    if (form.dueOn < c.opened_on)
      errors.dueOn = `The due date (${form.dueOn}) cannot be before the case was opened (${c.opened_on})`;
    if (c.status === 'closed') errors.title = 'Reopen the case before adding actions';
    if (Object.keys(errors).length) return { ok: false, errors };
    const id = newId();
    const now = this.cases.ctx.deps.clock.iso();
    await this.cases.ctx.transaction(async (trx) => {
      await this.repo.insert(trx, {
        id,
        partnership_id: c.partnership_id,
        case_id: caseId,
        title: form.title,
        detail: form.detail,
        owner_team_id: owner!.teamId,
        owner_user_id: owner!.userId,
        due_on: form.dueOn,
        status: 'open',
        rag: form.rag,
        completed_on: null,
        created_at: now,
        created_by: actor.user.id,
        updated_at: now,
      });
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'action',
        action: 'action-added',
        on: this.cases.ctx.today(),
        summary: `Action for ${owner!.label}, due ${form.dueOn}: ${form.title}`,
        details: { actionId: id },
      });
      await this.cases.ctx.record(
        actor,
        'case.action-added',
        { type: 'case', id: caseId },
        { actionId: id, owner: form.owner, dueOn: form.dueOn },
        trx,
      );
    });
    return { ok: true, value: { id } };
  }

  async get(actor: Actor, caseId: string, actionId: string, need: 'read' | 'manage' = 'read') {
    const { c, access } = await this.cases.guard.open(actor, caseId, need);
    const a = await this.repo.get(actionId);
    if (!a || a.case_id !== caseId) throw notFound('Action');
    if (need === 'read')
      await this.cases.ctx.record(
        actor,
        'case.viewed',
        { type: 'case', id: caseId },
        { page: 'action', actionId, mode: access.mode },
      );
    return { c, access, action: a };
  }

  async update(
    actor: Actor,
    caseId: string,
    actionId: string,
    form: ActionUpdateForm,
  ): Promise<Result<null>> {
    const { c, action } = await this.get(actor, caseId, actionId, 'manage');
    const owner = await this.owner(c.partnership_id, form.owner);
    if (!owner) return { ok: false, errors: { owner: 'Choose who owns the action from the list' } };
    if (form.dueOn < c.opened_on)
      return {
        ok: false,
        errors: {
          dueOn: `The due date (${form.dueOn}) cannot be before the case was opened (${c.opened_on})`,
        },
      };
    const today = this.cases.ctx.today();
    const done = form.status === 'done';
    const changes: string[] = [];
    if (form.status !== action.status) changes.push(`status ${ACTION_STATUSES[form.status].toLowerCase()}`);
    if (form.rag !== action.rag) changes.push(`RAG ${form.rag}`);
    if (form.dueOn !== action.due_on) changes.push(`due ${form.dueOn}`);
    if (owner.userId !== action.owner_user_id || owner.teamId !== action.owner_team_id)
      changes.push(`owner ${owner.label}`);
    await this.cases.ctx.transaction(async (trx) => {
      await this.repo.update(trx, actionId, {
        status: form.status,
        rag: done ? 'green' : form.rag,
        due_on: form.dueOn,
        owner_team_id: owner.teamId,
        owner_user_id: owner.userId,
        completed_on: done ? (action.completed_on ?? today) : null,
        updated_at: this.cases.ctx.deps.clock.iso(),
      });
      await this.cases.touch(trx, caseId);
      if (changes.length) {
        await this.cases.event(trx, actor, caseId, {
          kind: 'action',
          action: done ? 'action-done' : 'action-updated',
          on: today,
          summary: `Action “${action.title}”: ${changes.join(', ')}`,
          details: { actionId },
        });
      }
      await this.cases.ctx.record(
        actor,
        'case.action-updated',
        { type: 'case', id: caseId },
        { actionId, changes },
        trx,
      );
    });
    return { ok: true, value: null };
  }

  async forCase(actor: Actor, caseId: string) {
    const { c, access } = await this.cases.guard.open(actor, caseId, 'read');
    const rows = await this.repo.list({ partnershipId: c.partnership_id, caseIds: [caseId] });
    await this.cases.ctx.record(
      actor,
      'case.viewed',
      { type: 'case', id: caseId },
      { page: 'actions', mode: access.mode },
    );
    return { c, access, actions: rows.map((a) => this.decorate(a)) };
  }

  /** The actor's open actions, and their team's actions no one owns yet, on cases they may see. */
  async myWork(actor: Actor) {
    const u = actor.user;
    const caseIds = await this.cases.visibleCaseIds(actor);
    const rows = await this.repo.list({
      partnershipId: u.partnershipId,
      caseIds,
      ownerUserId: u.id,
      unassignedTeamId: u.teamId ?? undefined,
      openOnly: true,
    });
    return rows.map((a) => this.decorate(a));
  }

  /** Overdue actions on the cases the manager may see, by owning team (administrators: every team). */
  async overdue(actor: Actor, teamId?: string) {
    const u = actor.user;
    const caseIds = await this.cases.visibleCaseIds(actor);
    const rows = await this.repo.list({
      partnershipId: u.partnershipId,
      caseIds,
      ownerTeamId: teamId || undefined,
      openOnly: true,
      dueBefore: this.cases.ctx.today(),
    });
    await this.cases.ctx.record(
      actor,
      'case.overdue-viewed',
      { type: 'case-list', id: u.partnershipId },
      { teamId: teamId ?? null, count: rows.length },
    );
    return rows.map((a) => this.decorate(a));
  }

  /** Open actions for other modules (meetings show a case's open actions); no need-to-know applied. */
  async openActions(
    partnershipId: string,
    filter: { caseIds?: string[]; teamId?: string; userId?: string } = {},
  ) {
    const rows = await this.repo.list({
      partnershipId,
      caseIds: filter.caseIds,
      ownerTeamId: filter.teamId,
      ownerUserId: filter.userId,
      openOnly: true,
    });
    return rows.map((a) => this.decorate(a));
  }

  private decorate<T extends { status: string; due_on: string; rag: string }>(a: T) {
    const today = this.cases.ctx.today();
    const overdue = OPEN.has(a.status) && a.due_on < today;
    return { ...a, overdue, daysOverdue: overdue ? daysBetween(a.due_on, today) : 0 };
  }

  canManage(actor: Actor): boolean {
    return can(actor.user.role, 'cases.manage');
  }
}
