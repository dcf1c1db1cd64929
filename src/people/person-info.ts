import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { can } from '../platform/permissions/roles.js';
import { AuditService } from '../platform/audit/service.js';
import { notFound } from '../platform/web/errors.js';
import { PeopleService } from './service.js';
import { PeopleRepository } from './repository.js';
import type { RepeatFlag } from './repeats.js';
import { personSections } from './person-sections.js';

interface Meta {
  ip?: string;
  requestId?: string;
}

/** Roles that see every person in the partnership unless the partnership's people settings name others. */
export const WHOLE_PARTNERSHIP_ROLES = ['administrator', 'coordinator', 'data_protection_officer'];

/** Whether a user may see a person, and if not, who holds them (to ask). */
export interface NeedToKnow {
  linked: boolean;
  holders: { name: string; email: string | null }[];
}

export interface FlagPanelPerson {
  personId: string;
  name: string;
  /** What the person is in the report or case (victim, perpetrator...). */
  role?: string;
  flags: RepeatFlag[];
}

/** A report by or about a person, as the person pages use it (the reports module supplies it). */
export interface PersonReport {
  id: string;
  reporter_person_id: string | null;
  state_kind: string;
}

/** A case a person is a party to, as the person pages use it (the cases module supplies it). */
export interface PersonCase {
  case_id: string;
  status: string;
}

/**
 * Where the person pages read a person's reports and cases, under their modules' need-to-know.
 * Declared here, where it is used, so that people never imports the modules above it; the
 * composition root hands in the reports and cases services, which fit it.
 */
export interface PersonRecordSources {
  reports: {
    listForPerson(partnershipId: string, personId: string | readonly string[]): Promise<PersonReport[]>;
    canSee(user: CurrentUser, reportId: string): Promise<boolean>;
  };
  cases: {
    casesForPerson(partnershipId: string, personId: string): Promise<PersonCase[]>;
    canSee(actor: { user: CurrentUser }, caseId: string): Promise<boolean>;
  };
  people?: PeopleService;
}

/**
 * What other pages show about people: the person page (need-to-know applied to every report,
 * case and record on it), the flags panel of report and case pages, and the call handler's live
 * history. Reads reports and cases through their services and their access rules.
 */
export class PersonInfoService {
  readonly people: PeopleService;
  private readonly reports: PersonRecordSources['reports'];
  private readonly cases: PersonRecordSources['cases'];

  constructor(
    private readonly deps: AppDeps,
    sources: PersonRecordSources,
  ) {
    this.people = sources.people ?? new PeopleService(deps);
    this.reports = sources.reports;
    this.cases = sources.cases;
  }

  private audit() {
    return new AuditService(this.deps.db, this.deps.dialect, this.deps.clock);
  }

  /** The cases a person is a party to (no need-to-know: for counts on lists the caller may see). */
  casesForPerson(partnershipId: string, personId: string): Promise<PersonCase[]> {
    return this.cases.casesForPerson(partnershipId, personId);
  }

  /** Whether the user may see the source a person record came from. */
  private async canSeeSource(
    user: CurrentUser,
    r: { source_type: string; source_id: string | null; team_id: string | null },
  ): Promise<boolean> {
    if (user.role === 'administrator') return true;
    if (!r.source_id) return true;
    if (r.source_type === 'report' || r.source_type === 'call') return this.reports.canSee(user, r.source_id);
    if (r.source_type === 'case')
      return can(user.role, 'cases.read') && this.cases.canSee({ user }, r.source_id);
    if (r.source_type === 'case-review') return can(user.role, 'case-review.manage');
    return true;
  }

  /**
   * Need-to-know: a user sees a person when their role needs the whole partnership (people
   * settings), when a team of their agency recorded the person, or when they may see one of the
   * person's reports or cases (routed to their team, or shared with their agency).
   */
  async needToKnow(user: CurrentUser, personId: string): Promise<NeedToKnow> {
    const pid = user.partnershipId;
    const repo = new PeopleRepository(this.deps.db);
    const teams = await repo.holdingTeams(pid, [personId]);
    const holders = [...new Map(teams.map((t) => [t.team_id, { name: t.name, email: t.email }])).values()];
    const roles = (await repo.wholePartnershipRoles(pid)) ?? WHOLE_PARTNERSHIP_ROLES;
    if (roles.includes(user.role)) return { linked: true, holders };
    if (teams.some((t) => t.agency_id === user.agencyId)) return { linked: true, holders };
    for (const r of await this.reports.listForPerson(pid, personId))
      if (await this.reports.canSee(user, r.id)) return { linked: true, holders };
    if (can(user.role, 'cases.read') || can(user.role, 'shared.read'))
      for (const c of await this.cases.casesForPerson(pid, personId))
        if (await this.cases.canSee({ user }, c.case_id)) return { linked: true, holders };
    return { linked: false, holders };
  }

  /**
   * The person page: flags (from every record), and only the records, reports and cases the viewer
   * may see; how many were withheld is said, not what. A merged person redirects to the person it
   * became. The view is audited.
   */
  async personPage(user: CurrentUser, personId: string, meta: Meta & { reason?: string } = {}) {
    const pid = user.partnershipId;
    const resolved = await this.people.resolve(pid, personId);
    if (!resolved) throw notFound('Person');
    if (resolved !== personId) return { redirect: resolved } as const;
    const person = (await new PeopleRepository(this.deps.db).person(pid, personId))!;
    const access = await this.needToKnow(user, personId);
    if (!access.linked) {
      await this.audit().record({
        partnershipId: pid,
        userId: user.id,
        userLabel: user.name,
        action: 'person.refused',
        subjectType: 'person',
        subjectId: personId,
        reason: 'no link: need-to-know',
        ip: meta.ip,
        requestId: meta.requestId,
      });
      return { refusedHolders: access.holders } as const;
    }
    // Restricted (UK GDPR Art. 18): each view needs a reason, recorded in the audit log.
    if (person.restricted_at && !meta.reason?.trim()) return { needsReason: personId } as const;
    const settings = await this.people.settings.thresholds(pid);
    const [all, flags, allReports, allCases] = await Promise.all([
      this.people.history(pid, personId),
      this.people.flagsFor(pid, personId, settings),
      this.reports.listForPerson(pid, personId),
      this.cases.casesForPerson(pid, personId),
    ]);
    const records = [];
    for (const r of all) if (await this.canSeeSource(user, r)) records.push(r);
    const reports = [];
    for (const r of allReports)
      if (user.role === 'administrator' || (await this.reports.canSee(user, r.id))) reports.push(r);
    const cases = [];
    if (can(user.role, 'cases.read') || user.role === 'administrator') {
      for (const c of allCases) if (await this.cases.canSee({ user }, c.case_id)) cases.push(c);
    }
    const withheld =
      all.length - records.length + (allReports.length - reports.length) + (allCases.length - cases.length);
    await this.audit().record({
      partnershipId: pid,
      userId: user.id,
      userLabel: user.name,
      action: 'person.viewed',
      subjectType: 'person',
      subjectId: personId,
      reason: meta.reason?.trim() || null,
      details: { records: records.length, reports: reports.length, cases: cases.length, withheld },
      ip: meta.ip,
      requestId: meta.requestId,
    });
    return {
      person,
      records,
      reports,
      cases,
      flags,
      settings,
      withheld,
      hiddenRecords: all.length - records.length,
      sections: await personSections(this.deps, user, personId),
    };
  }

  /** Flags of the people in a report or case, for a panel on its page (the page has checked need-to-know). */
  async flagPanel(
    partnershipId: string,
    people: { personId: string | null; name?: string; role?: string }[],
  ): Promise<FlagPanelPerson[]> {
    const ids = [...new Set(people.map((p) => p.personId).filter((x): x is string => !!x))];
    if (!ids.length) return [];
    const resolved = new Map<string, string>();
    for (const id of ids) resolved.set(id, (await this.people.resolve(partnershipId, id)) ?? id);
    const flags = await this.people.flagsForMany(partnershipId, [...resolved.values()]);
    const names = new Map(
      (await new PeopleRepository(this.deps.db).personsByIds(partnershipId, [...resolved.values()])).map(
        (p) => [p.id, p.display_name],
      ),
    );
    return people
      .filter((p) => p.personId)
      .map((p) => {
        const id = resolved.get(p.personId!)!;
        return {
          personId: id,
          name: p.name ?? names.get(id) ?? 'Unnamed person',
          role: p.role,
          flags: flags.get(id) ?? [],
        };
      });
  }

  /**
   * The call handler's history of the caller being typed: people found by the linkage model (not only
   * exact matches), each with repeat flags, earlier reports and open cases. Open cases the user may not
   * open are counted, not listed.
   */
  async intakePeople(
    user: CurrentUser,
    typed: { givenName?: string; surname?: string; phone?: string; email?: string; address?: string },
  ) {
    const pid = user.partnershipId;
    const found = await this.people.findPeople(pid, typed);
    if (!found.length) return [];
    const ids = found.map((f) => f.personId);
    const settings = await this.people.settings.thresholds(pid);
    const [flags, reports] = await Promise.all([
      this.people.flagsForMany(pid, ids, settings),
      this.reports.listForPerson(pid, ids),
    ]);
    const out = [];
    for (const f of found) {
      const access = await this.needToKnow(user, f.personId);
      if (!access.linked) {
        out.push({
          ...f,
          personId: null,
          name: 'A person matching these details',
          ask: access.holders.map((h) => h.name).join(', ') || 'the data protection officer',
          flags: [],
          contacts: 0,
          reports: [],
          open: 0,
          cases: [],
          hiddenCases: 0,
        });
        continue;
      }
      const mine = reports.filter((r) => r.reporter_person_id === f.personId);
      const open = (await this.cases.casesForPerson(pid, f.personId)).filter((c) => c.status !== 'closed');
      const visibleCases = [];
      for (const c of open) if (await this.cases.canSee({ user }, c.case_id)) visibleCases.push(c);
      const contacts = (await this.people.history(pid, f.personId)).length;
      out.push({
        ...f,
        flags: flags.get(f.personId) ?? [],
        contacts,
        reports: mine,
        open: mine.filter((r) => r.state_kind === 'open').length,
        cases: visibleCases,
        hiddenCases: open.length - visibleCases.length,
      });
    }
    return out;
  }
}
