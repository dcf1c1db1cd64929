/**
 * Cases: opening (from reports or directly), seeing and listing them under need-to-know, their
 * details, teams and linked reports; and the queries other modules (case review, meetings) call.
 */
import type { AppDeps } from '../platform/module.js';
import { newId } from '../platform/db/ids.js';
import { nextReference } from '../platform/db/sequences.js';
import { yearOf } from '../platform/dates/calendar-date.js';
import { can } from '../platform/permissions/roles.js';
import { PeopleService, type PersonRole } from '../people/service.js';
import { newCase, availableActions, caseWorkflow, type CaseState } from './rules/workflow.js';
import { CasesContext, type Actor, type Trx } from './context.js';
import { CaseRepository, type CaseListRow } from './repository.js';
import { CaseGuard, visibleParty, type CaseAccess } from './access.js';
import { LinkedReports, type ReportSummary } from './linked-reports.js';
import type { ReportService } from '../reports/service.js';
import type { CaseDetailsForm, OpenCaseForm } from './schemas.js';
import type { CasesTable } from './tables.js';

export type Errors = Record<string, string>;
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Errors };

export class CaseService {
  readonly ctx: CasesContext;
  readonly repo: CaseRepository;
  readonly guard: CaseGuard;
  readonly reports: LinkedReports;
  readonly people: PeopleService;

  /** `uses`: the services the composition root has already built (made here when absent). */
  constructor(deps: AppDeps, uses: { people?: PeopleService; reports?: ReportService } = {}) {
    this.ctx = new CasesContext(deps);
    this.repo = new CaseRepository(deps.db);
    this.guard = new CaseGuard(this.ctx, this.repo);
    this.reports = new LinkedReports(deps, uses.reports);
    this.people = uses.people ?? new PeopleService(deps);
  }

  // ---- Opening a case ----

  async open(actor: Actor, form: OpenCaseForm): Promise<Result<{ id: string; reference: string }>> {
    const pid = actor.user.partnershipId;
    const errors: Errors = {};
    const teams = await this.repo.partnershipTeams(pid);
    if (!teams.some((t) => t.id === form.leadTeamId)) errors.leadTeamId = 'Choose the lead team';
    if (form.spocUserId) {
      const spoc = await this.repo.user(form.spocUserId);
      if (!spoc || spoc.partnership_id !== pid || spoc.disabled)
        errors.spocUserId = 'Choose a single point of contact from the list';
    }
    if (form.openedOn > this.ctx.today())
      errors.openedOn = 'The date the case was opened must be today or in the past';
    const reports = await this.resolveReports(actor, form.reportIds, form.reportReferences, errors);
    if (Object.keys(errors).length) return { ok: false, errors };

    const reporters = form.addReporters ? await this.reporterRecords(actor, reports) : [];
    const now = this.ctx.deps.clock.iso();
    const id = newId();
    const state = newCase(form.openedOn);
    const reference = await this.ctx.transaction(async (trx) => {
      const reference = await nextReference(trx, pid, 'CASE', yearOf(form.openedOn));
      await this.repo.insertCase(trx, {
        id,
        partnership_id: pid,
        reference,
        title: form.title,
        case_type: form.caseType,
        summary: form.summary,
        status: state.status,
        risk_band: null,
        state: JSON.stringify(state),
        lead_team_id: form.leadTeamId,
        spoc_user_id: form.spocUserId,
        location: form.location,
        opened_on: form.openedOn,
        closed_on: null,
        opened_by: actor.user.id,
        created_at: now,
        updated_at: now,
      });
      for (const r of reports) {
        await this.repo.linkReport(trx, {
          id: newId(),
          partnership_id: pid,
          case_id: id,
          report_id: r.id,
          linked_at: now,
          linked_by: actor.user.id,
        });
      }
      for (const r of reporters) await this.insertParty(trx, actor, id, form.leadTeamId, r);
      await this.event(trx, actor, id, {
        kind: 'decision',
        action: 'opened',
        to: state.status,
        on: form.openedOn,
        summary: reports.length
          ? `Case opened from ${reports.map((r) => r.reference).join(', ')}`
          : 'Case opened',
      });
      await this.ctx.record(
        actor,
        'case.opened',
        { type: 'case', id },
        { reference, reports: reports.map((r) => r.id), caseType: form.caseType },
        trx,
      );
      return reference;
    });
    return { ok: true, value: { id, reference } };
  }

  private async resolveReports(
    actor: Actor,
    ids: string[],
    references: string[],
    errors: Errors,
  ): Promise<ReportSummary[]> {
    const pid = actor.user.partnershipId;
    const found = await this.reports.byIds(pid, ids);
    if (found.length !== new Set(ids).size) errors.reportIds = 'One of the chosen reports could not be found';
    for (const ref of references) {
      const r = await this.reports.byReference(pid, ref);
      if (!r) errors.reportReferences = `There is no report with the reference ${ref}`;
      else if (!found.some((f) => f.id === r.id)) found.push(r);
    }
    const hidden = [];
    for (const r of found) if (!(await this.reports.visibleTo(actor.user, r))) hidden.push(r);
    if (hidden.length)
      errors.reportReferences = `You cannot link ${hidden.map((r) => r.reference).join(', ')}: it is not routed to your team`;
    return found;
  }

  /** Each report's named reporter, as a party: victim, or complainant when they reported as a witness or business. */
  private async reporterRecords(actor: Actor, reports: ReportSummary[]) {
    const seen = new Set<string>();
    const out = [];
    for (const r of reports) {
      if (!r.reporterPersonId || seen.has(r.reporterPersonId)) continue;
      seen.add(r.reporterPersonId);
      const record = (await this.people.history(actor.user.partnershipId, r.reporterPersonId)).find(
        (h) => h.source_type === 'report' && h.source_id === r.id,
      );
      if (!record) continue;
      const role: PersonRole =
        r.reporterKind === 'victim' || r.reporterKind === 'on-behalf' ? 'victim' : 'complainant';
      out.push({
        role,
        givenName: record.given_name,
        surname: record.surname,
        dob: record.dob,
        phone: record.phone,
        email: record.email,
        address: record.address,
        postcode: record.postcode,
        healthNotes: null,
      });
    }
    return out;
  }

  /** Records the person (resolved to a person id by the people module) and makes them a party. */
  async insertParty(
    trx: Trx,
    actor: Actor,
    caseId: string,
    teamId: string,
    p: {
      role: PersonRole;
      givenName: string | null;
      surname: string | null;
      dob: string | null | undefined;
      phone: string | null;
      email: string | null;
      address: string | null;
      postcode: string | null;
      healthNotes: string | null;
    },
  ): Promise<{ partyId: string; personId: string }> {
    const pid = actor.user.partnershipId;
    const { recordId, personId } = await this.people.addRecord(trx, {
      partnershipId: pid,
      sourceType: 'case',
      sourceId: caseId,
      role: p.role,
      teamId,
      givenName: p.givenName,
      surname: p.surname,
      dob: p.dob ?? null,
      phone: p.phone,
      email: p.email,
      address: p.address,
      postcode: p.postcode,
    });
    const partyId = newId();
    const name = [p.givenName, p.surname].filter(Boolean).join(' ') || 'Unnamed person';
    await this.repo.insertParty(trx, {
      id: partyId,
      partnership_id: pid,
      case_id: caseId,
      person_id: personId,
      person_record_id: recordId,
      role: p.role,
      display_name: name,
      dob: p.dob ?? null,
      phone: p.phone,
      email: p.email,
      address: p.address,
      postcode: p.postcode,
      health_notes: p.healthNotes,
      contact_every: null,
      contact_unit: null,
      contact_agreed_on: null,
      case_review_told_on: null,
      preferred_channel: null,
      consent_to_share: null,
      consent_recorded_on: null,
      sharing_preferences: null,
      created_at: this.ctx.deps.clock.iso(),
      created_by: actor.user.id,
      removed_at: null,
    });
    await this.event(trx, actor, caseId, {
      kind: 'party',
      action: 'party-added',
      on: this.ctx.today(),
      summary: `${name} added as ${p.role}`,
      details: { partyId, personId },
    });
    return { partyId, personId };
  }

  // ---- Seeing cases ----

  /** The case's main page: details, teams, parties (redacted for partners), places and reports. Audited. */
  async view(actor: Actor, caseId: string, page = 'overview') {
    const { c, access } = await this.guard.open(actor, caseId, 'read');
    const [view, teams, parties, places, links] = await Promise.all([
      this.repo.getCaseView(caseId),
      this.repo.teams(caseId),
      this.repo.parties(caseId),
      this.repo.places(caseId),
      this.repo.reportLinks(caseId),
    ]);
    const reports = await this.reports.byIds(
      c.partnership_id,
      links.map((l) => l.report_id),
    );
    const state = JSON.parse(c.state) as CaseState;
    await this.ctx.record(
      actor,
      'case.viewed',
      { type: 'case', id: caseId },
      { page, mode: access.mode, sensitive: access.sensitive },
    );
    return {
      c: view!,
      state,
      access,
      teams,
      parties: parties.map((p) => visibleParty(p, access)),
      places: places.map((pl) =>
        access.sensitive ? pl : { ...pl, address: null, postcode: null, uprn: null },
      ),
      reports,
      actions: access.canManage
        ? availableActions(state).map((a) => ({ action: a, label: caseWorkflow.actions[a].label }))
        : [],
    };
  }

  /** The header every case sub-page shows (no personal data); the sub-page audits its own view. */
  async header(
    actor: Actor,
    caseId: string,
    need: 'read' | 'manage' | 'share' = 'read',
  ): Promise<{ c: CasesTable; access: CaseAccess }> {
    return this.guard.open(actor, caseId, need);
  }

  async list(
    actor: Actor,
    filter: { status?: string; caseType?: string; text?: string; mine?: boolean; page?: number },
  ): Promise<CaseListRow[]> {
    const u = actor.user;
    const all = u.role === 'administrator';
    const page = Math.max(1, filter.page ?? 1);
    const rows = await this.repo.list({
      partnershipId: u.partnershipId,
      all,
      teamId: can(u.role, 'cases.read') ? u.teamId : null,
      sharedWithAgencyId: can(u.role, 'shared.read') ? u.agencyId : null,
      status: filter.status,
      caseType: filter.caseType,
      text: filter.text?.trim() || undefined,
      spocUserId: filter.mine ? u.id : undefined,
      limit: 51,
      offset: (page - 1) * 50,
    });
    await this.ctx.record(
      actor,
      'case.listed',
      { type: 'case-list', id: u.partnershipId },
      { ...filter, count: Math.min(rows.length, 50) },
    );
    return rows;
  }

  /** Ids of every case this user may see (for work lists and the expiring-soon view). */
  visibleCaseIds(actor: Actor, openOnly = false): Promise<string[]> {
    const u = actor.user;
    return this.repo.visibleCaseIds({
      partnershipId: u.partnershipId,
      all: u.role === 'administrator',
      teamId: can(u.role, 'cases.read') ? u.teamId : null,
      sharedWithAgencyId: can(u.role, 'shared.read') ? u.agencyId : null,
      openOnly,
    });
  }

  // ---- Changing details ----

  async updateDetails(actor: Actor, caseId: string, form: CaseDetailsForm): Promise<Result<null>> {
    const { c } = await this.guard.open(actor, caseId, 'manage');
    const errors: Errors = {};
    const teams = await this.repo.partnershipTeams(c.partnership_id);
    if (!teams.some((t) => t.id === form.leadTeamId)) errors.leadTeamId = 'Choose the lead team';
    if (form.spocUserId) {
      const spoc = await this.repo.user(form.spocUserId);
      if (!spoc || spoc.partnership_id !== c.partnership_id || spoc.disabled)
        errors.spocUserId = 'Choose a single point of contact from the list';
    }
    if (Object.keys(errors).length) return { ok: false, errors };
    const changed = (
      ['title', 'case_type', 'summary', 'lead_team_id', 'spoc_user_id', 'location'] as const
    ).filter((k) => {
      const v = {
        title: form.title,
        case_type: form.caseType,
        summary: form.summary,
        lead_team_id: form.leadTeamId,
        spoc_user_id: form.spocUserId,
        location: form.location,
      }[k];
      return (c[k] ?? null) !== (v ?? null);
    });
    const held = await this.repo.teams(caseId);
    await this.ctx.transaction(async (trx) => {
      await this.repo.updateCase(trx, caseId, {
        title: form.title,
        case_type: form.caseType,
        summary: form.summary,
        lead_team_id: form.leadTeamId,
        spoc_user_id: form.spocUserId,
        location: form.location,
        updated_at: this.ctx.deps.clock.iso(),
      });
      // The team that led the case keeps it when the lead moves.
      if (form.leadTeamId !== c.lead_team_id) {
        if (!held.some((t) => t.team_id === c.lead_team_id)) {
          await this.repo.addTeam(trx, {
            id: newId(),
            partnership_id: c.partnership_id,
            case_id: caseId,
            team_id: c.lead_team_id,
            added_at: this.ctx.deps.clock.iso(),
            added_by: actor.user.id,
          });
        }
      }
      if (changed.length) {
        await this.event(trx, actor, caseId, {
          kind: 'decision',
          action: 'details-changed',
          on: this.ctx.today(),
          summary: changed.includes('spoc_user_id')
            ? 'Single point of contact changed'
            : `Case details changed (${changed.join(', ').replace(/_/g, ' ')})`,
          details: { changed },
        });
      }
      await this.ctx.record(actor, 'case.updated', { type: 'case', id: caseId }, { changed }, trx);
    });
    return { ok: true, value: null };
  }

  async addTeam(actor: Actor, caseId: string, teamId: string): Promise<Result<null>> {
    const { c } = await this.guard.open(actor, caseId, 'manage');
    const team = await this.repo.team(teamId);
    if (!team || team.partnership_id !== c.partnership_id)
      return { ok: false, errors: { teamId: 'Choose a team' } };
    const held = await this.repo.teams(caseId);
    if (teamId === c.lead_team_id || held.some((t) => t.team_id === teamId))
      return { ok: false, errors: { teamId: `${team.name} already holds this case` } };
    await this.ctx.transaction(async (trx) => {
      await this.repo.addTeam(trx, {
        id: newId(),
        partnership_id: c.partnership_id,
        case_id: caseId,
        team_id: teamId,
        added_at: this.ctx.deps.clock.iso(),
        added_by: actor.user.id,
      });
      await this.touch(trx, caseId);
      await this.event(trx, actor, caseId, {
        kind: 'team',
        action: 'team-added',
        on: this.ctx.today(),
        summary: `${team.name} added to the case`,
        details: { teamId },
      });
      await this.ctx.record(actor, 'case.team-added', { type: 'case', id: caseId }, { teamId }, trx);
    });
    return { ok: true, value: null };
  }

  async linkReport(actor: Actor, caseId: string, reference: string): Promise<Result<ReportSummary>> {
    const { c } = await this.guard.open(actor, caseId, 'manage');
    const r = await this.reports.byReference(c.partnership_id, reference);
    if (!r)
      return {
        ok: false,
        errors: { reference: `There is no report with the reference ${reference.trim().toUpperCase()}` },
      };
    if (!(await this.reports.visibleTo(actor.user, r)))
      return {
        ok: false,
        errors: { reference: `You cannot link ${r.reference}: it is not routed to your team` },
      };
    const links = await this.repo.reportLinks(caseId);
    if (links.some((l) => l.report_id === r.id))
      return { ok: false, errors: { reference: `${r.reference} is already linked to this case` } };
    await this.ctx.transaction(async (trx) => {
      await this.repo.linkReport(trx, {
        id: newId(),
        partnership_id: c.partnership_id,
        case_id: caseId,
        report_id: r.id,
        linked_at: this.ctx.deps.clock.iso(),
        linked_by: actor.user.id,
      });
      await this.touch(trx, caseId);
      await this.event(trx, actor, caseId, {
        kind: 'report',
        action: 'report-linked',
        on: this.ctx.today(),
        summary: `Report ${r.reference} linked`,
        details: { reportId: r.id },
      });
      await this.ctx.record(
        actor,
        'case.report-linked',
        { type: 'case', id: caseId },
        { reportId: r.id },
        trx,
      );
    });
    return { ok: true, value: r };
  }

  // ---- Helpers shared by the other case services ----

  async event(
    trx: Trx,
    actor: Actor | null,
    caseId: string,
    e: {
      kind: string;
      action: string;
      on: string;
      summary: string;
      from?: string | null;
      to?: string | null;
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    const c = await this.repo.getCase(caseId, trx);
    await this.repo.insertEvent(trx, {
      id: newId(),
      partnership_id: c!.partnership_id,
      case_id: caseId,
      kind: e.kind,
      action: e.action,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      on_date: e.on,
      summary: e.summary,
      details: JSON.stringify(e.details ?? {}),
      user_id: actor?.user.id ?? null,
      user_name: actor?.user.name ?? null,
      at: this.ctx.deps.clock.iso(),
    });
  }

  touch(trx: Trx, caseId: string) {
    return this.repo.updateCase(trx, caseId, { updated_at: this.ctx.deps.clock.iso() });
  }

  // ---- For other modules (case review, meetings, people pages). They apply their own need-to-know. ----

  /** Every case a person is a party to, newest first, with their role. */
  casesForPerson(partnershipId: string, personId: string) {
    return this.repo.casesForPerson(partnershipId, personId);
  }

  /** Cases that contain any of these reports. */
  casesForReports(partnershipId: string, reportIds: string[]) {
    return this.repo.casesForReports(partnershipId, reportIds);
  }

  /** Reference, status, type, dates and teams of one case (no personal data). */
  async summary(partnershipId: string, caseId: string) {
    const c = await this.repo.getCaseView(caseId);
    if (!c || c.partnership_id !== partnershipId) return null;
    const state = JSON.parse(c.state) as CaseState;
    return {
      id: c.id,
      reference: c.reference,
      title: c.title,
      caseType: c.case_type,
      status: c.status,
      riskBand: c.risk_band,
      openedOn: c.opened_on,
      closedOn: c.closed_on,
      closureReason: state.closureReason ?? null,
      leadTeamId: c.lead_team_id,
      leadTeamName: c.lead_team_name,
      spocName: c.spoc_name,
      teamIds: [c.lead_team_id, ...(await this.repo.teams(caseId)).map((t) => t.team_id)],
    };
  }

  /** Whether this user's team holds the case, it is shared with their agency, or they are an administrator. */
  async canSee(actor: Actor, caseId: string): Promise<boolean> {
    const c = await this.repo.getCase(caseId);
    return !!c && c.partnership_id === actor.user.partnershipId && !!(await this.guard.accessTo(actor, c));
  }
}
