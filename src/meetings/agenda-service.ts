/**
 * Agendas: built from the data at the cut-off (each section from its provider, plus the open
 * actions carried forward from earlier meetings), editable (items added or removed, rebuilt) until
 * issued, then frozen. Issuing makes the pre-meeting pack (a frozen snapshot, see packs.ts).
 */
import { z } from 'zod';
import { newId } from '../platform/db/ids.js';
import { createCaseServices, type CaseServices } from '../cases/services.js';
import { PeopleService } from '../people/service.js';
import { PremisesService } from '../premises/service.js';
import { PlanService } from '../plan/service.js';
import { agendaSectionsFor, type AgendaContext, type AgendaItemDraft } from './agenda-sections.js';
import type { Actor, MeetingsContext, Result } from './context.js';
import type { SeriesService } from './series-service.js';
import type { MeetingItemsTable } from './tables.js';

export const CARRIED_SECTION = 'Actions carried forward';
export const OTHER_SECTION = 'Other business';

export const customItemSchema = z.object({
  title: z.string().trim().min(1, 'Enter the item').max(300, 'The item must be 300 characters or fewer'),
  minutesAllowed: z.coerce
    .number({ message: 'Enter the minutes as a number' })
    .int('Enter whole minutes')
    .min(1, 'Give the item at least 1 minute')
    .max(120),
});

export class AgendaService {
  private readonly services: AgendaContext['services'];
  constructor(
    private readonly ctx: MeetingsContext,
    private readonly series: SeriesService,
    cases?: CaseServices,
    uses: Partial<Omit<AgendaContext['services'], 'cases'>> = {},
  ) {
    const deps = ctx.deps;
    this.services = {
      cases: cases ?? createCaseServices(deps),
      people: uses.people ?? new PeopleService(deps),
      premises: uses.premises ?? new PremisesService(deps),
      plan: uses.plan ?? new PlanService(deps),
    };
  }

  get caseServices(): CaseServices {
    return this.services.cases;
  }

  private async editable(actor: Actor, meetingId: string) {
    const opened = await this.series.manageable(actor, meetingId);
    if (opened.m.agenda_status === 'issued')
      return { opened, refused: 'The agenda is issued and frozen: re-issue it to change the pack' };
    if (opened.m.status === 'cancelled') return { opened, refused: 'The meeting is cancelled' };
    return { opened, refused: null };
  }

  /** Drafts for every section of the series' type, from the data at the cut-off. */
  async drafts(actor: Actor, meetingId: string): Promise<{ section: string; items: AgendaItemDraft[] }[]> {
    const { m, series, dates } = await this.series.open(actor, meetingId, 'agenda');
    const prev = await this.ctx.repo.previousMeeting(series.id, m.held_on);
    const context: AgendaContext = {
      deps: this.ctx.deps,
      partnershipId: m.partnership_id,
      meeting: m,
      series,
      cutoff: dates.cutoff,
      since: prev?.held_on ?? null,
      services: this.services,
    };
    const out: { section: string; items: AgendaItemDraft[] }[] = [];
    for (const p of agendaSectionsFor(series.type))
      out.push({ section: p.title, items: await p.build(context) });
    const carried = await this.ctx.repo.actions(m.partnership_id, {
      seriesId: series.id,
      status: 'open',
      raisedBefore: m.held_on,
    });
    out.push({
      section: CARRIED_SECTION,
      items: carried.map((a) => ({
        kind: 'action',
        title: a.text,
        detail: {
          owner: a.owner_name,
          agency: a.owner_agency,
          dueOn: a.due_on,
          rag: a.rag,
          raisedOn: a.raised_on,
        },
        caseId: a.case_id,
        sourceId: a.id,
        minutesAllowed: 2,
      })),
    });
    return out;
  }

  /** (Re)builds the agenda from the data; items added by hand are kept. */
  async build(actor: Actor, meetingId: string): Promise<Result<{ items: number }>> {
    const { opened, refused } = await this.editable(actor, meetingId);
    if (refused) return { ok: false, errors: { agenda: refused } };
    const sections = await this.drafts(actor, meetingId);
    const m = opened.m;
    const now = this.ctx.now();
    let count = 0;
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.deleteItems(trx, m.id, { builtOnly: true });
      const custom = await this.ctx.repo.items(m.id, trx);
      const rows: MeetingItemsTable[] = [];
      let position = 0;
      for (const s of sections)
        for (const d of s.items)
          rows.push({
            id: newId(),
            partnership_id: m.partnership_id,
            meeting_id: m.id,
            position: ++position,
            section: s.section,
            kind: d.kind,
            title: d.title,
            detail: JSON.stringify(d.detail),
            case_id: d.caseId ?? null,
            person_id: d.personId ?? null,
            premises_id: d.premisesId ?? null,
            source_id: d.sourceId ?? null,
            href: d.href ?? null,
            minutes_allowed: d.minutesAllowed ?? 5,
            notes: null,
            decision: null,
            decision_note: null,
            decided_at: null,
            created_at: now,
          });
      await this.ctx.repo.insertItems(trx, rows);
      for (const c of custom) await this.ctx.repo.updateItem(trx, c.id, { position: ++position });
      count = rows.length + custom.length;
      await this.ctx.repo.updateMeeting(trx, m.id, { agenda_built_at: now, updated_at: now });
      await this.ctx.record(
        actor,
        'meeting.agenda-built',
        { type: 'meeting', id: m.id },
        { items: count },
        trx,
      );
    });
    return { ok: true, value: { items: count } };
  }

  async addItem(
    actor: Actor,
    meetingId: string,
    form: z.infer<typeof customItemSchema>,
  ): Promise<Result<null>> {
    const { opened, refused } = await this.editable(actor, meetingId);
    if (refused) return { ok: false, errors: { title: refused } };
    const items = await this.ctx.repo.items(meetingId);
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.insertItems(trx, [
        {
          id: newId(),
          partnership_id: opened.m.partnership_id,
          meeting_id: meetingId,
          position: (items.at(-1)?.position ?? 0) + 1,
          section: OTHER_SECTION,
          kind: 'custom',
          title: form.title,
          detail: '{}',
          case_id: null,
          person_id: null,
          premises_id: null,
          source_id: null,
          href: null,
          minutes_allowed: form.minutesAllowed,
          notes: null,
          decision: null,
          decision_note: null,
          decided_at: null,
          created_at: this.ctx.now(),
        },
      ]);
      await this.ctx.record(actor, 'meeting.item-added', { type: 'meeting', id: meetingId }, {}, trx);
    });
    return { ok: true, value: null };
  }

  async removeItem(actor: Actor, meetingId: string, itemId: string): Promise<Result<null>> {
    const { refused } = await this.editable(actor, meetingId);
    if (refused) return { ok: false, errors: { agenda: refused } };
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.deleteItems(trx, meetingId, { id: itemId });
      await this.ctx.record(
        actor,
        'meeting.item-removed',
        { type: 'meeting', id: meetingId },
        { itemId },
        trx,
      );
    });
    return { ok: true, value: null };
  }
}
