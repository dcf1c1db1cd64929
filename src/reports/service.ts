import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { forbidden, notFound } from '../platform/web/errors.js';
import { PeopleService, toE164, type PersonRole } from '../people/service.js';
import { ReportRepository, type ReportSummaryRow, type RouteView } from './repository.js';
import { ReferenceService, type ReferenceData } from './reference.js';
import { resolveRoutes } from './routing/resolve.js';
import { dueAt, slaHoursFor } from './sla.js';
import { formatReference, writerFor, type BatchContext } from './writer.js';
import { attachPending, type PendingPhoto } from './photos.js';
import { outboxRow } from '../platform/notifications.js';
import {
  acknowledgementMessage,
  queuePublicUpdate,
  queueTeamNotice,
  teamNoticeMessage,
  type AcknowledgementInput,
} from './notify.js';
import { newJobRow } from './environment/jobs.js';
import { distanceMetres, locate } from './geo/locate.js';
import type { ReportsTable, ReportTeamRoutesTable } from './tables.js';
import { trackingCode, trackingCodeMatches } from './tracking.js';

export type Channel = 'web' | 'phone' | 'staff' | 'open311' | 'api';
export type ReporterKind = 'victim' | 'witness' | 'business' | 'on-behalf';
export const REPORTER_KINDS: Record<ReporterKind, string> = {
  victim: 'The person affected',
  witness: 'A witness',
  business: 'A business or organisation',
  'on-behalf': 'Reporting for someone else',
};
export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Online',
  phone: 'Telephone',
  staff: 'Staff',
  open311: 'Open311',
  api: 'Partner system',
};

export interface NewReport {
  channel: Channel;
  categoryCode: string;
  hateIncident: boolean;
  description: string;
  location: {
    text: string | null;
    postcode: string | null;
    lat: number | null;
    lng: number | null;
    precision: string;
    contexts: string[];
  };
  occurred: { kind: 'at' | 'ongoing' | 'regular'; at: string | null; note: string | null };
  reporter: {
    kind: ReporterKind;
    anonymous: boolean;
    name?: string | null;
    givenName?: string | null;
    surname?: string | null;
    email?: string | null;
    phone?: string | null;
    address?: string | null;
    postcode?: string | null;
    contactPreference: 'email' | 'phone' | 'none';
  };
  photos?: PendingPhoto[];
  externalId?: string | null;
}

export type Actor =
  { kind: 'public' } | { kind: 'user'; user: CurrentUser } | { kind: 'apikey'; keyId: string; name: string };
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

export interface CreatedReport {
  id: string;
  reference: string;
  stateCode: string;
  dueAt: string;
  createdAt: string;
  slaHours: number;
  teams: { id: string; code: string; name: string; deliveryMethod: string }[];
  environmentalJob: string | null;
  /** The reporter has reported before in the last 6 months: tell them about the ASB Case Review. */
  caseReviewPrompt: boolean;
  /** With the reference, what the reporter needs to follow the report online. */
  trackingCode: string;
}

/** Bad input the caller's schema could not catch (e.g. a category that is not in the service map). */
export class ReportInputError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields)[0]);
  }
}

/** A named report's acknowledgement, waiting for its batch's one query about earlier reports. */
interface PendingAcknowledgement {
  partnershipId: string;
  personId: string | null;
  since: string;
  now: string;
  message: AcknowledgementInput;
  created: CreatedReport;
}
const pendingAcknowledgements = new WeakMap<BatchContext['trx'], PendingAcknowledgement[]>();

const PERSON_ROLE: Record<ReporterKind, PersonRole> = {
  victim: 'victim',
  witness: 'witness',
  business: 'complainant',
  'on-behalf': 'representative',
};

export function splitName(name: string | null | undefined): { given: string | null; surname: string | null } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return { given: null, surname: null };
  if (parts.length === 1) return { given: parts[0], surname: null };
  return { given: parts.slice(0, -1).join(' '), surname: parts[parts.length - 1] };
}

/**
 * Reports: intake from every channel, routing through the service map, team work, and the lookups
 * other modules use. Methods taking a `user` check need-to-know and audit; methods taking only a
 * partnership id are for other modules' services, which do their own checks.
 */
export class ReportService {
  readonly repo: ReportRepository;
  readonly reference: ReferenceService;
  private readonly audit: AuditService;
  private readonly people: PeopleService;

  /** `uses`: the services the composition root has already built (made here when absent). */
  constructor(
    private readonly deps: AppDeps,
    uses: { people?: PeopleService; reference?: ReferenceService } = {},
  ) {
    this.repo = new ReportRepository(deps.db);
    this.reference = uses.reference ?? new ReferenceService(deps);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
    this.people = uses.people ?? new PeopleService(deps);
  }

  referenceData(partnershipId: string): Promise<ReferenceData> {
    return this.reference.load(partnershipId);
  }

  // ---------------------------------------------------------------- intake

  /** Files a report from any channel: one transaction (grouped with others arriving at once). */
  async create(
    partnershipId: string,
    input: NewReport,
    actor: Actor,
    meta: RequestMeta,
  ): Promise<CreatedReport> {
    const ref = await this.reference.load(partnershipId);
    const category = ref.category.get(input.categoryCode);
    if (!category || !category.active)
      throw new ReportInputError({ category: 'Select what happened from the list' });
    const knownContexts = new Set(ref.contexts.map((c) => c.code));
    const contexts = [...new Set(input.location.contexts)].filter((c) => knownContexts.has(c));
    const resolved = resolveRoutes(ref.rules, {
      categoryCode: category.code,
      placeContexts: contexts,
      hateIncident: input.hateIncident,
    });
    const id = newId();
    const storedPhotos = await attachPending(this.deps.config.uploadDir, id, input.photos ?? []);
    const slaHours = slaHoursFor(category.sla_hours, input.hateIncident);
    const r = input.reporter;
    const named = !r.anonymous;
    const name = named
      ? r.name?.trim() || [r.givenName, r.surname].filter(Boolean).join(' ').trim() || null
      : null;
    const email = named ? r.email?.trim().toLowerCase() || null : null;
    const phone = named ? r.phone?.trim() || null : null;
    const phoneE164 = toE164(phone);
    const userId = actor.kind === 'user' ? actor.user.id : null;

    const now = this.deps.clock.iso();
    const year = new Date(now).getUTCFullYear();
    const sequences = [
      { partnershipId, name: `ASB-${year}` },
      ...(category.environmental ? [{ partnershipId, name: `ENV-${year}` }] : []),
    ];
    const created = await writerFor(this.deps).submit(async ({ trx, defer, sequence, audit, afterWork }) => {
      const due = dueAt(now, slaHours);
      const reference = formatReference('ASB', year, sequence(partnershipId, `ASB-${year}`));
      let personId: string | null = null;
      if (named && (name || email || phone)) {
        const split =
          r.givenName || r.surname
            ? { given: r.givenName ?? null, surname: r.surname ?? null }
            : splitName(name);
        personId = (
          await this.people.addRecord(trx, {
            partnershipId,
            sourceType: input.channel === 'phone' ? 'call' : 'report',
            sourceId: id,
            role: PERSON_ROLE[r.kind],
            teamId: resolved[0]?.teamId ?? null,
            givenName: split.given,
            surname: split.surname,
            phone,
            email,
            address: r.address ?? null,
            postcode: r.postcode ?? null,
          })
        ).personId;
      }
      defer('reports', {
        id,
        partnership_id: partnershipId,
        reference,
        category_code: category.code,
        hate_incident: input.hateIncident ? 1 : 0,
        description: input.description,
        location_text: input.location.text,
        postcode: input.location.postcode,
        lat: input.location.lat,
        lng: input.location.lng,
        location_precision: input.location.precision,
        place_contexts: JSON.stringify(contexts),
        occurred_kind: input.occurred.kind,
        occurred_at: input.occurred.at,
        occurred_note: input.occurred.note,
        channel: input.channel,
        reporter_kind: r.kind,
        anonymous: named ? 0 : 1,
        reporter_name: name,
        reporter_email: email,
        reporter_phone: phone,
        reporter_phone_e164: phoneE164,
        contact_preference: named ? r.contactPreference : 'none',
        reporter_person_id: personId,
        state_code: ref.initialState.code,
        state_kind: ref.initialState.kind,
        due_at: due,
        created_at: now,
        updated_at: now,
        closed_at: null,
        created_by_user_id: userId,
        api_key_id: actor.kind === 'apikey' ? actor.keyId : null,
        external_id: input.externalId ?? null,
        photo_count: storedPhotos.length,
      });

      const baseUrl = this.deps.config.baseUrl;
      const routeRows: ReportTeamRoutesTable[] = [];
      for (const rt of resolved) {
        const team = ref.team.get(rt.teamId);
        let outboxId: string | null = null;
        const notifyTo = rt.deliveryMethod === 'email' ? (rt.deliveryEmail ?? team?.email) : team?.email;
        if (notifyTo) {
          const message = outboxRow(
            now,
            teamNoticeMessage({
              partnershipId,
              reportId: id,
              reference,
              baseUrl,
              to: notifyTo,
              categoryName: category.name,
              location: input.location.text,
              dueAt: due,
              emailedRoute: rt.deliveryMethod === 'email',
            }),
          );
          defer('outbox', message);
          outboxId = message.id;
        }
        const row: ReportTeamRoutesTable = {
          id: newId(),
          partnership_id: partnershipId,
          report_id: id,
          team_id: rt.teamId,
          delivery_method: rt.deliveryMethod,
          delivery_email: rt.deliveryMethod === 'email' ? (notifyTo ?? null) : null,
          outbox_id: rt.deliveryMethod === 'email' ? outboxId : null,
          assigned_user_id: null,
          assigned_at: null,
          active: 1,
          routed_at: now,
          routed_by_user_id: null,
          reason: rt.because.join(', '),
          ended_at: null,
          ended_reason: null,
        };
        routeRows.push(row);
        defer('report_team_routes', row);
      }
      const teamNames = routeRows.map((x) => ref.team.get(x.team_id)?.name ?? '');
      defer('report_updates', {
        id: newId(),
        partnership_id: partnershipId,
        report_id: id,
        at: now,
        user_id: userId,
        author_label:
          actor.kind === 'user' ? actor.user.name : actor.kind === 'apikey' ? actor.name : 'Reporter',
        kind: 'created',
        state_code: ref.initialState.code,
        public: 1,
        text: 'Report received',
        details: JSON.stringify({
          teams: routeRows.map((x) => ref.team.get(x.team_id)?.code),
          channel: input.channel,
        }),
      });
      (input.photos ?? []).forEach((p, i) =>
        defer('report_photos', {
          id: newId(),
          partnership_id: partnershipId,
          report_id: id,
          stored_name: storedPhotos[i],
          original_name: p.originalName,
          mime: p.mime,
          bytes: p.bytes,
          created_at: now,
          scan_status: p.scan ?? 'not scanned',
        }),
      );
      let jobRef: string | null = null;
      if (category.environmental) {
        jobRef = formatReference('ENV', year, sequence(partnershipId, `ENV-${year}`));
        defer(
          'environmental_jobs',
          newJobRow({
            partnershipId,
            reference: jobRef,
            reportId: id,
            categoryCode: category.code,
            teamId: routeRows[0]?.team_id ?? null,
            raisedAt: now,
            targetAt: due,
            locationText: input.location.text,
            lat: input.location.lat,
            lng: input.location.lng,
          }),
        );
      }
      const created: CreatedReport = {
        id,
        reference,
        stateCode: ref.initialState.code,
        dueAt: due,
        createdAt: now,
        slaHours,
        teams: routeRows.map((x) => ({
          id: x.team_id,
          code: ref.team.get(x.team_id)?.code ?? '',
          name: ref.team.get(x.team_id)?.name ?? '',
          deliveryMethod: x.delivery_method,
        })),
        environmentalJob: jobRef,
        caseReviewPrompt: false,
        trackingCode: trackingCode(this.deps.config.sessionSecret, id),
      };
      if (named) {
        // The acknowledgement says whether the reporter may ask for a Case Review, which needs their
        // earlier reports: looked up once for the whole batch (see acknowledgeBatch).
        let pending = pendingAcknowledgements.get(trx);
        if (!pending) {
          pendingAcknowledgements.set(trx, (pending = []));
          const batch = pending;
          afterWork(() => this.acknowledgeBatch(trx, defer, batch));
        }
        pending.push({
          partnershipId,
          personId,
          since: new Date(new Date(now).getTime() - 183 * 86_400_000).toISOString(),
          now,
          created,
          message: {
            partnershipId,
            reportId: id,
            reference,
            baseUrl,
            categoryName: category.public_name,
            teamNames,
            slaHours,
            email,
            phone,
            phoneE164,
            preference: r.contactPreference,
            trackingCode: created.trackingCode,
          },
        });
      }
      audit({
        partnershipId,
        userId,
        userLabel:
          actor.kind === 'user'
            ? actor.user.email
            : actor.kind === 'apikey'
              ? `api-key:${actor.name}`
              : 'public',
        action: 'report.created',
        subjectType: 'report',
        subjectId: id,
        ip: meta.ip,
        requestId: meta.requestId,
        details: {
          reference,
          channel: input.channel,
          category: category.code,
          teams: routeRows.map((x) => ref.team.get(x.team_id)?.code),
        },
      });
      return created;
    }, sequences);
    return created;
  }

  /**
   * Queues the acknowledgements of a batch's named reports. 2025 statutory guidance: tell a victim
   * about the ASB Case Review when they report again within 6 months, so each reporter's latest
   * earlier report is looked up, one query for the batch (reports of the batch itself are not yet
   * written, so they do not count).
   */
  private async acknowledgeBatch(
    trx: BatchContext['trx'],
    defer: BatchContext['defer'],
    pending: PendingAcknowledgement[],
  ): Promise<void> {
    const latest = new Map<string, string>();
    const byPartnership = new Map<string, Set<string>>();
    for (const p of pending) {
      if (!p.personId) continue;
      let ids = byPartnership.get(p.partnershipId);
      if (!ids) byPartnership.set(p.partnershipId, (ids = new Set()));
      ids.add(p.personId);
    }
    for (const [partnershipId, ids] of byPartnership) {
      for (const [personId, at] of await this.repo.latestForPersons(trx, partnershipId, [...ids]))
        latest.set(`${partnershipId}\u0000${personId}`, at);
    }
    for (const p of pending) {
      const before = p.personId ? latest.get(`${p.partnershipId}\u0000${p.personId}`) : undefined;
      p.created.caseReviewPrompt = !!before && before >= p.since;
      const ack = acknowledgementMessage({ ...p.message, caseReviewPrompt: p.created.caseReviewPrompt });
      if (ack) defer('outbox', outboxRow(p.now, ack));
    }
  }

  // ---------------------------------------------------------------- need-to-know

  /** A report is visible to the teams it is routed to (now or before), to whoever filed it, and to administrators. */
  private visibleTo(user: CurrentUser, report: ReportsTable, routes: RouteView[]): boolean {
    if (user.role === 'administrator') return true;
    if (report.created_by_user_id === user.id) return true;
    return !!user.teamId && routes.some((r) => r.team_id === user.teamId && r.active === 1);
  }

  /** Whether this user may see the report (for other modules' need-to-know checks). */
  async canSee(user: CurrentUser, reportId: string): Promise<boolean> {
    const report = await this.repo.findById(user.partnershipId, reportId);
    return !!report && this.visibleTo(user, report, await this.repo.routes(report.id));
  }

  private async loadFor(user: CurrentUser, reference: string, meta: RequestMeta, action: string) {
    const report =
      (await this.repo.findByReference(user.partnershipId, reference)) ??
      (await this.repo.findById(user.partnershipId, reference));
    if (!report) throw notFound('Report');
    const routes = await this.repo.routes(report.id);
    if (!this.visibleTo(user, report, routes)) {
      await this.audit.record({
        partnershipId: user.partnershipId,
        userId: user.id,
        userLabel: user.email,
        action: 'report.refused',
        subjectType: 'report',
        subjectId: report.id,
        reason: `not routed to the user's team (${action})`,
        ip: meta.ip,
        requestId: meta.requestId,
      });
      throw forbidden();
    }
    return { report, routes };
  }

  /** Everything on a report's page; the view is audited. */
  async view(user: CurrentUser, reference: string, meta: RequestMeta) {
    const { report, routes } = await this.loadFor(user, reference, meta, 'view');
    const [updates, photos, ref] = await Promise.all([
      this.repo.updates(report.id),
      this.repo.photos(report.id),
      this.reference.load(user.partnershipId),
    ]);
    await this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.email,
      action: 'report.viewed',
      subjectType: 'report',
      subjectId: report.id,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { reference: report.reference },
    });
    const myRoute = routes.find((r) => r.active === 1 && r.team_id === user.teamId) ?? null;
    const members = myRoute ? await this.repo.teamMembers(myRoute.team_id) : [];
    return { report, routes, updates, photos, ref, myRoute, members };
  }

  async photoFor(user: CurrentUser, reference: string, photoId: string, meta: RequestMeta) {
    const { report } = await this.loadFor(user, reference, meta, 'photo');
    const photo = await this.repo.photo(report.id, photoId);
    if (!photo) throw notFound('Photo');
    return { report, photo };
  }

  // ---------------------------------------------------------------- team work

  /** Adds an update: a note, a change of state, or both. Every update records the state it left. */
  async addUpdate(
    user: CurrentUser,
    reference: string,
    input: { stateCode: string; text: string | null; public: boolean },
    meta: RequestMeta,
  ): Promise<void> {
    const { report } = await this.loadFor(user, reference, meta, 'update');
    const ref = await this.reference.load(user.partnershipId);
    const state = ref.state.get(input.stateCode);
    if (!state) throw new ReportInputError({ stateCode: 'Select a state from the list' });
    const changed = state.code !== report.state_code;
    if (!changed && !input.text)
      throw new ReportInputError({ text: 'Enter an update or choose a different state' });
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.iso();
      if (changed)
        await this.repo.setState(
          trx,
          report.id,
          state,
          now,
          state.kind === 'closed' ? (report.closed_at ?? now) : null,
        );
      else await this.repo.touch(trx, report.id, now);
      await this.repo.insertUpdate(trx, {
        id: newId(),
        partnership_id: user.partnershipId,
        report_id: report.id,
        at: now,
        user_id: user.id,
        author_label: user.name,
        kind: changed ? 'state' : 'note',
        state_code: state.code,
        public: input.public ? 1 : 0,
        text: input.text,
        details: JSON.stringify(changed ? { from: report.state_code, to: state.code } : {}),
      });
      if (input.public && report.reporter_email && report.contact_preference === 'email') {
        await queuePublicUpdate(trx, this.deps.clock, {
          partnershipId: user.partnershipId,
          reportId: report.id,
          reference: report.reference,
          baseUrl: this.deps.config.baseUrl,
          email: report.reporter_email,
          stateLabel: state.public_label,
          text: input.text ?? '',
        });
      }
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: changed ? 'report.state-changed' : 'report.note-added',
          subjectType: 'report',
          subjectId: report.id,
          ip: meta.ip,
          requestId: meta.requestId,
          details: { from: report.state_code, to: state.code, public: input.public },
        },
        trx,
      );
    });
  }

  /** Assigns the user's team's share of a report to one of the team's officers (or nobody). */
  async assign(
    user: CurrentUser,
    reference: string,
    assigneeId: string | null,
    meta: RequestMeta,
  ): Promise<void> {
    const { report, routes } = await this.loadFor(user, reference, meta, 'assign');
    const route = routes.find(
      (r) => r.active === 1 && (r.team_id === user.teamId || user.role === 'administrator'),
    );
    if (!route) throw forbidden();
    await this.assignRoutes(
      user,
      route.team_id,
      [{ routeId: route.id, reportId: report.id, stateCode: report.state_code }],
      assigneeId,
      meta,
    );
  }

  /** Re-assigns many reports in a team's queue at once. */
  async bulkAssign(
    user: CurrentUser,
    teamId: string,
    reportIds: string[],
    assigneeId: string | null,
    meta: RequestMeta,
  ): Promise<number> {
    if (user.role !== 'administrator' && user.teamId !== teamId) throw forbidden();
    const routes = await this.repo.teamRoutes(teamId, reportIds);
    if (!routes.length) throw new ReportInputError({ reportIds: 'Select at least one report' });
    await this.assignRoutes(
      user,
      teamId,
      routes.map((r) => ({ routeId: r.id, reportId: r.report_id, stateCode: r.state_code })),
      assigneeId,
      meta,
    );
    return routes.length;
  }

  private async assignRoutes(
    user: CurrentUser,
    teamId: string,
    items: { routeId: string; reportId: string; stateCode: string }[],
    assigneeId: string | null,
    meta: RequestMeta,
  ): Promise<void> {
    const members = await this.repo.teamMembers(teamId);
    const assignee = assigneeId ? members.find((m) => m.id === assigneeId) : null;
    if (assigneeId && !assignee) throw new ReportInputError({ assignee: 'Select an officer in this team' });
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.iso();
      await this.repo.assign(
        trx,
        items.map((i) => i.routeId),
        assigneeId,
        now,
      );
      for (const i of items) {
        await this.repo.insertUpdate(trx, {
          id: newId(),
          partnership_id: user.partnershipId,
          report_id: i.reportId,
          at: now,
          user_id: user.id,
          author_label: user.name,
          kind: 'assigned',
          state_code: i.stateCode,
          public: 0,
          text: assignee ? `Assigned to ${assignee.name}` : 'Unassigned',
          details: JSON.stringify({ teamId, assigneeId }),
        });
        await this.audit.record(
          {
            partnershipId: user.partnershipId,
            userId: user.id,
            userLabel: user.email,
            action: 'report.assigned',
            subjectType: 'report',
            subjectId: i.reportId,
            ip: meta.ip,
            requestId: meta.requestId,
            details: { teamId, assigneeId },
          },
          trx,
        );
      }
    });
  }

  /** Re-routes a report to a new set of teams, with a reason; ended routes stay in the history. */
  async reroute(
    user: CurrentUser,
    reference: string,
    teamIds: string[],
    reason: string,
    meta: RequestMeta,
  ): Promise<void> {
    const { report, routes } = await this.loadFor(user, reference, meta, 'reroute');
    const ref = await this.reference.load(user.partnershipId);
    const wanted = [...new Set(teamIds)].filter((t) => ref.team.has(t));
    if (!wanted.length) throw new ReportInputError({ teamIds: 'Select at least one team' });
    if (!reason.trim()) throw new ReportInputError({ reason: 'Enter the reason for re-routing' });
    const active = routes.filter((r) => r.active === 1);
    const ending = active.filter((r) => !wanted.includes(r.team_id));
    const adding = wanted.filter((t) => !active.some((r) => r.team_id === t));
    if (!ending.length && !adding.length)
      throw new ReportInputError({ teamIds: 'The report already goes to these teams' });
    const category = ref.category.get(report.category_code);
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.iso();
      await this.repo.endRoutes(
        trx,
        ending.map((r) => r.id),
        now,
        reason,
      );
      const rows: ReportTeamRoutesTable[] = [];
      for (const teamId of adding) {
        const team = ref.team.get(teamId)!;
        if (team.email) {
          await queueTeamNotice(trx, this.deps.clock, {
            partnershipId: user.partnershipId,
            reportId: report.id,
            reference: report.reference,
            baseUrl: this.deps.config.baseUrl,
            to: team.email,
            categoryName: category?.name ?? report.category_code,
            location: report.location_text,
            dueAt: report.due_at,
            emailedRoute: false,
          });
        }
        rows.push({
          id: newId(),
          partnership_id: user.partnershipId,
          report_id: report.id,
          team_id: teamId,
          delivery_method: 'queue',
          delivery_email: null,
          outbox_id: null,
          assigned_user_id: null,
          assigned_at: null,
          active: 1,
          routed_at: now,
          routed_by_user_id: user.id,
          reason,
          ended_at: null,
          ended_reason: null,
        });
      }
      await this.repo.insertRoutes(trx, rows);
      const codes = (ids: string[]) => ids.map((t) => ref.team.get(t)?.code ?? t);
      await this.repo.insertUpdate(trx, {
        id: newId(),
        partnership_id: user.partnershipId,
        report_id: report.id,
        at: now,
        user_id: user.id,
        author_label: user.name,
        kind: 'routed',
        state_code: report.state_code,
        public: 0,
        text: `Re-routed: ${reason}`,
        details: JSON.stringify({ added: codes(adding), removed: codes(ending.map((r) => r.team_id)) }),
      });
      await this.repo.touch(trx, report.id, now);
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'report.rerouted',
          subjectType: 'report',
          subjectId: report.id,
          reason,
          ip: meta.ip,
          requestId: meta.requestId,
          details: { added: codes(adding), removed: codes(ending.map((r) => r.team_id)) },
        },
        trx,
      );
    });
  }

  // ---------------------------------------------------------------- the reporter

  /** What a reporter sees: status and public updates, when the reference and tracking code match. */
  async track(partnershipId: string, reference: string, code: string) {
    const report = await this.repo.findByReference(partnershipId, reference);
    if (!report || !trackingCodeMatches(this.deps.config.sessionSecret, report.id, code)) return null;
    const ref = await this.reference.load(partnershipId);
    const updates = await this.repo.publicUpdates(report.id);
    return {
      reference: report.reference,
      category: ref.category.get(report.category_code)?.public_name ?? report.category_code,
      createdAt: report.created_at,
      location: report.location_text,
      state: ref.state.get(report.state_code),
      closed: report.state_kind === 'closed',
      updates: updates.map((u) => ({
        ...u,
        stateLabel: ref.state.get(u.state_code)?.public_label ?? u.state_code,
      })),
    };
  }

  // ---------------------------------------------------------------- for other modules

  /** One report's summary (no need-to-know check: the calling service does its own). */
  async summary(partnershipId: string, idOrReference: string): Promise<ReportSummaryRow | null> {
    const r =
      (await this.repo.findById(partnershipId, idOrReference)) ??
      (await this.repo.findByReference(partnershipId, idOrReference));
    if (!r) return null;
    return (await this.repo.summariesByIds(partnershipId, [r.id]))[0] ?? null;
  }

  /** Full report for a signed-in user, with need-to-know and an audit entry. */
  async get(user: CurrentUser, idOrReference: string, meta: RequestMeta): Promise<ReportsTable> {
    return (await this.view(user, idOrReference, meta)).report;
  }

  listByIds(partnershipId: string, ids: readonly string[]): Promise<ReportSummaryRow[]> {
    return this.repo.summariesByIds(partnershipId, ids);
  }

  /** Reports made by a person (or any of several person ids), newest first. */
  listForPerson(partnershipId: string, personId: string | readonly string[]): Promise<ReportSummaryRow[]> {
    return this.repo.summariesForPersons(partnershipId, typeof personId === 'string' ? [personId] : personId);
  }

  /**
   * Reports at a place: within `radiusMetres` (default 75) of a point, at a postcode, or at a
   * street/landmark named in the gazetteer. Newest first.
   */
  async reportsAt(
    partnershipId: string,
    place: { lat: number; lng: number; radiusMetres?: number } | { postcode: string } | { text: string },
  ): Promise<ReportSummaryRow[]> {
    if ('postcode' in place) {
      const located = locate({ text: place.postcode });
      if (located.status !== 'found' || !located.postcode) return [];
      return this.repo.summariesByPostcode(partnershipId, located.postcode);
    }
    let point: { lat: number; lng: number; radius: number };
    if ('text' in place) {
      const located = locate({ text: place.text });
      if (located.status !== 'found' || located.lat == null || located.lng == null) return [];
      if (located.precision === 'postcode' && located.postcode)
        return this.repo.summariesByPostcode(partnershipId, located.postcode);
      point = { lat: located.lat, lng: located.lng, radius: 75 };
    } else point = { lat: place.lat, lng: place.lng, radius: place.radiusMetres ?? 75 };
    const dLat = point.radius / 111_320;
    const dLng = point.radius / (111_320 * Math.cos((point.lat * Math.PI) / 180));
    const rows = await this.repo.summariesInBox(partnershipId, {
      minLat: point.lat - dLat,
      maxLat: point.lat + dLat,
      minLng: point.lng - dLng,
      maxLng: point.lng + dLng,
    });
    return rows.filter(
      (r) =>
        r.lat != null && r.lng != null && distanceMetres(point.lat, point.lng, r.lat, r.lng) <= point.radius,
    );
  }

  /** Earlier contacts for the person and place a call handler is typing (exact matching for now). */
  async intakeLookup(
    user: CurrentUser,
    q: { phone?: string; email?: string; surname?: string; postcode?: string; location?: string },
    meta: RequestMeta,
  ) {
    const searched = Object.entries(q)
      .filter(([, v]) => v && v.trim())
      .map(([k]) => k);
    if (!searched.length) return { people: [], place: null, searched };
    const records = await this.people.search(user.partnershipId, {
      phone: q.phone,
      email: q.email,
      surname: q.surname,
      postcode: q.postcode,
    });
    const byPerson = new Map<
      string,
      { personId: string; name: string; named: boolean; contacts: number; lastContact: string }
    >();
    for (const rec of records) {
      const p = byPerson.get(rec.person_id);
      const fullName = [rec.given_name, rec.surname].filter(Boolean).join(' ');
      const name = fullName || rec.email || rec.phone || 'Unnamed';
      if (!p)
        byPerson.set(rec.person_id, {
          personId: rec.person_id,
          name,
          named: !!fullName,
          contacts: 1,
          lastContact: rec.created_at,
        });
      else {
        p.contacts++;
        // Show the name the person gave most recently, not a bare number.
        if (!p.named && fullName) Object.assign(p, { name: fullName, named: true });
      }
    }
    const personIds = [...byPerson.keys()];
    const personReports = await this.listForPerson(user.partnershipId, personIds);
    const people = [...byPerson.values()].map((p) => {
      const reports = personReports.filter((r) => r.reporter_person_id === p.personId);
      return { ...p, reports, open: reports.filter((r) => r.state_kind === 'open').length };
    });
    let place: { label: string; reports: ReportSummaryRow[] } | null = null;
    const where = q.location?.trim() || q.postcode?.trim();
    if (where) {
      const located = locate({ text: where });
      if (located.status === 'found') {
        const reports = await this.reportsAt(
          user.partnershipId,
          located.lat != null && located.lng != null
            ? { lat: located.lat, lng: located.lng }
            : { text: where },
        );
        place = { label: located.place?.name ?? located.label, reports };
      }
    }
    await this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.email,
      action: 'intake.lookup',
      subjectType: 'person',
      subjectId: personIds.length === 1 ? personIds[0] : null,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { searched, people: personIds.length, placeReports: place?.reports.length ?? 0 },
    });
    return { people, place, searched };
  }

  /** Reports that happened in [from, to) (a reported time, else when made), for period figures. */
  reportsInPeriod(partnershipId: string, fromIso: string, toIso: string): Promise<ReportSummaryRow[]> {
    return this.repo.summariesInPeriod(partnershipId, fromIso, toIso);
  }
}
