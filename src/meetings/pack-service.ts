/**
 * Packs: issuing the agenda (the pre-meeting pack) and circulating the minutes make a frozen
 * snapshot, numbered and versioned; a re-issue is a new version. Minutes approved at the next
 * meeting are sealed (the snapshot's SHA-256 kept on the meeting). Opening or downloading a pack of
 * a confidential meeting is audited.
 */
import { newId } from '../platform/db/ids.js';
import { can } from '../platform/permissions/roles.js';
import { notFound } from '../platform/web/errors.js';
import { addWorkingDays } from '../platform/dates/index.js';
import { hashContent, packForViewer, type PackAction, type PackContent } from './pack-content.js';
import type { Actor, MeetingsContext, Result } from './context.js';
import type { SeriesService } from './series-service.js';
import type { CaseServices } from '../cases/services.js';
import { chairsOf } from './access.js';

export class PackService {
  constructor(
    private readonly ctx: MeetingsContext,
    private readonly series: SeriesService,
    private readonly cases: CaseServices,
  ) {}

  /** The meeting's actions (raised at it, or carried through it) with their updates. */
  async actionsFor(partnershipId: string, meetingId: string): Promise<PackAction[]> {
    const raised = await this.ctx.repo.actions(partnershipId, { meetingIds: [meetingId] });
    const updates = await this.ctx.repo.actionUpdates(raised.map((a) => a.id));
    return raised.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.owner_name,
      agency: a.owner_agency,
      dueOn: a.due_on,
      rag: a.rag,
      status: a.status,
      outcome: a.outcome,
      caseId: a.case_id,
      updates: updates
        .filter((u) => u.action_id === a.id)
        .map((u) => ({ at: u.at, by: u.by_name, text: u.text, carried: u.carried })),
    }));
  }

  /** The meeting's items as they stand, grouped by section, as this viewer may see them. */
  async liveSections(actor: Actor, meetingId: string, withOutcomes: boolean) {
    const items = await this.ctx.repo.items(meetingId);
    const sections: PackContent['sections'] = [];
    for (const i of items) {
      let s = sections.find((x) => x.title === i.section);
      if (!s) sections.push((s = { title: i.section, items: [] }));
      s.items.push({
        no: `${sections.length}.${s.items.length + 1}`,
        id: i.id,
        kind: i.kind,
        title: i.title,
        detail: JSON.parse(i.detail) as Record<string, unknown>,
        caseId: i.case_id,
        personId: i.person_id,
        href: i.href,
        minutesAllowed: i.minutes_allowed,
        notes: withOutcomes ? i.notes : null,
        decision: withOutcomes ? i.decision : null,
        decisionNote: withOutcomes ? i.decision_note : null,
      });
    }
    return (
      await packForViewer({ sections, actions: [] } as unknown as PackContent, this.viewerRights(actor))
    ).sections;
  }

  private viewerRights(actor: Actor) {
    return {
      seeCase: (caseId: string) => this.cases.cases.canSee(actor, caseId),
      seePeople: can(actor.user.role, 'people.read'),
    };
  }

  /** The meeting as it stands now, as pack content (not stored). */
  async snapshot(
    actor: Actor,
    meetingId: string,
    kind: 'agenda' | 'minutes',
    version: number,
  ): Promise<PackContent> {
    const { m, series, dates } = await this.series.open(actor, meetingId, `${kind}-pack`);
    const items = await this.ctx.repo.items(m.id);
    const sections: PackContent['sections'] = [];
    for (const i of items) {
      let s = sections.find((x) => x.title === i.section);
      if (!s) sections.push((s = { title: i.section, items: [] }));
      s.items.push({
        no: `${sections.length}.${s.items.length + 1}`,
        id: i.id,
        kind: i.kind,
        title: i.title,
        detail: JSON.parse(i.detail) as Record<string, unknown>,
        caseId: i.case_id,
        personId: i.person_id,
        href: i.href,
        minutesAllowed: i.minutes_allowed,
        notes: kind === 'minutes' ? i.notes : null,
        decision: kind === 'minutes' ? i.decision : null,
        decisionNote: kind === 'minutes' ? i.decision_note : null,
      });
    }
    const attendance = kind === 'minutes' ? await this.ctx.repo.attendance(m.id) : [];
    return {
      kind,
      number: `${series.code}-${m.held_on}-${kind === 'agenda' ? 'A' : 'M'}${version}`,
      version,
      issuedAt: this.ctx.now(),
      issuedBy: actor.user.name,
      marking: series.protective_marking,
      confidentiality: series.confidentiality,
      series: { id: series.id, name: series.name, code: series.code, typeLabel: series.typeLabel },
      meeting: {
        id: m.id,
        date: m.held_on,
        startTime: m.start_time,
        venue: m.venue,
        chairs: chairsOf(m.chairs),
        cutoff: dates.cutoff,
        minutesDue: dates.minutesDue,
      },
      sections,
      totalMinutes: items.reduce((n, i) => n + i.minutes_allowed, 0),
      attendance: attendance.map((a) => ({ name: a.name, agency: a.agency, status: a.status })),
      actions: kind === 'minutes' ? await this.actionsFor(m.partnership_id, m.id) : [],
    };
  }

  private async issue(actor: Actor, meetingId: string, kind: 'agenda' | 'minutes') {
    const packs = await this.ctx.repo.packs(meetingId);
    const version = (packs.find((p) => p.kind === kind)?.version ?? 0) + 1;
    const content = await this.snapshot(actor, meetingId, kind, version);
    const json = JSON.stringify(content);
    const id = newId();
    return { id, version, content, json, hash: hashContent(json) };
  }

  /** Issues the agenda (or re-issues it as a new version): the pre-meeting pack is frozen. */
  async issueAgenda(actor: Actor, meetingId: string): Promise<Result<{ id: string; version: number }>> {
    const { m } = await this.series.manageable(actor, meetingId);
    if (m.status === 'cancelled') return { ok: false, errors: { agenda: 'The meeting is cancelled' } };
    if (!m.agenda_built_at)
      return { ok: false, errors: { agenda: 'Build the agenda from the data before issuing it' } };
    const p = await this.issue(actor, meetingId, 'agenda');
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.insertPack(trx, {
        id: p.id,
        partnership_id: m.partnership_id,
        meeting_id: m.id,
        kind: 'agenda',
        version: p.version,
        number: p.content.number,
        issued_at: p.content.issuedAt,
        issued_by: actor.user.name,
        content: p.json,
        hash: p.hash,
        sealed: 0,
      });
      await this.ctx.repo.updateMeeting(trx, m.id, { agenda_status: 'issued', updated_at: this.ctx.now() });
      await this.ctx.record(
        actor,
        'meeting.agenda-issued',
        { type: 'meeting', id: m.id },
        { packId: p.id, version: p.version },
        trx,
      );
    });
    return { ok: true, value: { id: p.id, version: p.version } };
  }

  /** Circulates the draft minutes (a new version each time) until they are approved. */
  async circulateMinutes(actor: Actor, meetingId: string): Promise<Result<{ id: string; version: number }>> {
    const { m, series } = await this.series.manageable(actor, meetingId);
    if (m.status !== 'held')
      return { ok: false, errors: { minutes: 'Record the meeting as held before circulating its minutes' } };
    if (m.minutes_status === 'approved')
      return { ok: false, errors: { minutes: 'The minutes are approved and sealed' } };
    const p = await this.issue(actor, meetingId, 'minutes');
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.insertPack(trx, {
        id: p.id,
        partnership_id: m.partnership_id,
        meeting_id: m.id,
        kind: 'minutes',
        version: p.version,
        number: p.content.number,
        issued_at: p.content.issuedAt,
        issued_by: actor.user.name,
        content: p.json,
        hash: p.hash,
        sealed: 0,
      });
      await this.ctx.repo.updateMeeting(trx, m.id, {
        minutes_status: 'circulated',
        minutes_circulated_at: this.ctx.now(),
        minutes_due_on: m.minutes_due_on ?? addWorkingDays(m.held_on, series.minutes_deadline_days),
        updated_at: this.ctx.now(),
      });
      await this.ctx.record(
        actor,
        'meeting.minutes-circulated',
        { type: 'meeting', id: m.id },
        { packId: p.id, version: p.version },
        trx,
      );
    });
    return { ok: true, value: { id: p.id, version: p.version } };
  }

  /** At `meetingId`, approves the circulated minutes of the series' previous meeting and seals them. */
  async approvePreviousMinutes(actor: Actor, meetingId: string): Promise<Result<{ hash: string }>> {
    const { m, series } = await this.series.manageable(actor, meetingId);
    const prev = await this.ctx.repo.previousMeeting(series.id, m.held_on);
    if (!prev || prev.minutes_status !== 'circulated')
      return {
        ok: false,
        errors: { minutes: 'There are no circulated minutes of the previous meeting to approve' },
      };
    const latest = (await this.ctx.repo.packs(prev.id)).find((p) => p.kind === 'minutes')!;
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.updatePack(trx, latest.id, { sealed: 1 });
      await this.ctx.repo.updateMeeting(trx, prev.id, {
        minutes_status: 'approved',
        minutes_approved_at: this.ctx.now(),
        minutes_approved_in: m.id,
        minutes_hash: latest.hash,
        updated_at: this.ctx.now(),
      });
      await this.ctx.record(
        actor,
        'meeting.minutes-approved',
        { type: 'meeting', id: prev.id },
        { at: m.id, packId: latest.id, hash: latest.hash },
        trx,
      );
    });
    return { ok: true, value: { hash: latest.hash } };
  }

  /** One pack as this viewer may see it; every opening of a confidential meeting's pack is audited. */
  async open(actor: Actor, meetingId: string, packId: string, format: 'html' | 'pdf') {
    const { series } = await this.series.open(actor, meetingId, `pack-${format}`);
    const pack = await this.ctx.repo.pack(meetingId, packId);
    if (!pack) throw notFound('Pack');
    if (series.confidentiality !== 'public')
      await this.ctx.record(
        actor,
        format === 'pdf' ? 'meeting.pack-downloaded' : 'meeting.pack-opened',
        { type: 'meeting-pack', id: pack.id },
        { meetingId, number: pack.number, version: pack.version, format },
      );
    const content = JSON.parse(pack.content) as PackContent;
    const viewer = await packForViewer(content, this.viewerRights(actor));
    return { pack, content: viewer, intact: hashContent(pack.content) === pack.hash };
  }
}
