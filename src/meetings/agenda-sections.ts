/**
 * Agenda sections: what each type of meeting hears, built from the data at the agenda cut-off. Each
 * section comes from a provider; other modules register theirs with registerAgendaSectionProvider
 * (the night-time-economy module fills the NTE and Licensing Liaison sections this way: a provider
 * registered with the same id replaces the default one here).
 */
import type { AppDeps } from '../platform/module.js';
import type { IsoDate } from '../platform/dates/index.js';
import type { CaseServices } from '../cases/services.js';
import type { PeopleService } from '../people/service.js';
import type { PremisesService } from '../premises/service.js';
import type { PlanService } from '../plan/service.js';
import { FLAG_LABELS } from '../people/repeats.js';
import type { MeetingSeriesTable, MeetingsTable } from './tables.js';

/** What a provider is given: the meeting, its series, the cut-off and the previous meeting's date. */
export interface AgendaContext {
  deps: AppDeps;
  partnershipId: string;
  meeting: MeetingsTable;
  series: MeetingSeriesTable;
  /** Data up to the end of this day is on the agenda. */
  cutoff: IsoDate;
  /** The series' previous meeting date (null for its first): "new since last time". */
  since: IsoDate | null;
  services: { cases: CaseServices; people: PeopleService; premises: PremisesService; plan: PlanService };
}

export interface AgendaItemDraft {
  kind: string;
  title: string;
  detail: Record<string, unknown>;
  caseId?: string | null;
  personId?: string | null;
  premisesId?: string | null;
  sourceId?: string | null;
  href?: string | null;
  /** Minutes the item is given; case items get the series' time per case. */
  minutesAllowed?: number;
}

export interface AgendaSectionProvider {
  /** Unique id; registering the same id again replaces the provider. */
  id: string;
  title: string;
  /** Meeting types whose agendas carry the section, in the order given. */
  types: string[];
  order: number;
  build(ctx: AgendaContext): Promise<AgendaItemDraft[]>;
}

const providers = new Map<string, AgendaSectionProvider>();

export function registerAgendaSectionProvider(p: AgendaSectionProvider): void {
  providers.set(p.id, p);
}

export function agendaSectionsFor(type: string): AgendaSectionProvider[] {
  return [...providers.values()].filter((p) => p.types.includes(type)).sort((a, b) => a.order - b.order);
}

const endOfDay = (d: IsoDate) => `${d}T23:59:59.999Z`;
const afterSince = (at: string, since: IsoDate | null) => !since || at.slice(0, 10) > since;

registerAgendaSectionProvider({
  id: 'ccm.referrals',
  title: 'New referrals',
  types: ['ccm'],
  order: 10,
  async build(ctx) {
    const rows = [
      ...(await ctx.services.cases.marac.referrals(ctx.partnershipId, 'submitted')),
      ...(await ctx.services.cases.marac.referrals(ctx.partnershipId, 'accepted')),
    ].filter((r) => r.submitted_at <= endOfDay(ctx.cutoff));
    rows.sort((a, b) => a.submitted_at.localeCompare(b.submitted_at));
    const referred = new Set(rows.map((r) => r.person_id).filter(Boolean));
    const items: AgendaItemDraft[] = rows.map((r) => ({
      kind: 'referral',
      title: `Referral ${r.reference}: case ${r.case_reference}`,
      detail: {
        referral: r.reference,
        caseReference: r.case_reference,
        caseTitle: r.case_title,
        party: r.party_name,
        riskBand: r.risk_band,
        riskScore: r.risk_score,
        reason: r.reason,
        referredBy: r.submitted_by_name,
        team: r.lead_team_name,
        status: r.status,
      },
      caseId: r.case_id,
      personId: r.person_id,
      sourceId: r.id,
      href: `/cases/${r.case_id}`,
      minutesAllowed: ctx.series.minutes_per_case,
    }));
    // Repeat victims and complainants flagged since the last meeting and not referred already.
    const repeats = (await ctx.services.people.repeats(ctx.partnershipId))
      .filter((p) => p.flags.includes('repeat-victim') || p.flags.includes('repeat-complainant'))
      .filter(
        (p) =>
          !referred.has(p.personId) && afterSince(p.lastAt, ctx.since) && p.lastAt <= endOfDay(ctx.cutoff),
      )
      .slice(0, 20);
    for (const p of repeats) {
      const cases = await ctx.services.cases.cases.casesForPerson(ctx.partnershipId, p.personId);
      const open = cases.find((c) => c.status !== 'closed');
      items.push({
        kind: 'repeat',
        title: `${p.flags.map((f) => FLAG_LABELS[f]).join(', ')}: ${p.name}`,
        detail: {
          person: p.name,
          flags: p.flags.map((f) => FLAG_LABELS[f]),
          reports: p.sources,
          lastAt: p.lastAt,
          caseReference: open?.reference ?? null,
          riskBand: open?.risk_band ?? null,
        },
        caseId: open?.case_id ?? null,
        personId: p.personId,
        href: `/people/${p.personId}`,
        minutesAllowed: ctx.series.minutes_per_case,
      });
    }
    return items;
  },
});

registerAgendaSectionProvider({
  id: 'ccm.reviews',
  title: 'High-risk cases due for review',
  types: ['ccm'],
  order: 20,
  async build(ctx) {
    const due = await ctx.services.cases.risk.reviewsDue(ctx.partnershipId, ctx.meeting.held_on, 'high');
    return due.map((r) => ({
      kind: 'review',
      title: `Review: case ${r.reference}`,
      detail: {
        caseReference: r.reference,
        caseTitle: r.title,
        riskBand: r.band,
        assessedOn: r.assessed_on,
        reviewDue: r.reassess_due_on,
      },
      caseId: r.case_id,
      href: `/cases/${r.case_id}`,
      minutesAllowed: ctx.series.minutes_per_case,
    }));
  },
});

registerAgendaSectionProvider({
  id: 'ccm.not-met',
  title: 'Referrals that did not meet the threshold, and the advice given',
  types: ['ccm'],
  order: 30,
  async build(ctx) {
    const rows = (await ctx.services.cases.marac.referrals(ctx.partnershipId, 'returned')).filter(
      (r) => r.decided_at && afterSince(r.decided_at, ctx.since) && r.decided_at <= endOfDay(ctx.cutoff),
    );
    return rows.map((r) => ({
      kind: 'not-met',
      title: `Referral ${r.reference}: case ${r.case_reference}`,
      detail: {
        referral: r.reference,
        caseReference: r.case_reference,
        riskBand: r.risk_band,
        riskScore: r.risk_score,
        advice: r.decision_note,
      },
      caseId: r.case_id,
      sourceId: r.id,
      href: `/cases/${r.case_id}`,
      minutesAllowed: 2,
    }));
  },
});

registerAgendaSectionProvider({
  id: 'tasking.plan',
  title: 'Partnership actions on red',
  types: ['tasking'],
  order: 30,
  async build(ctx) {
    const { actions } = await ctx.services.plan.list(ctx.partnershipId);
    return actions
      .filter((a) => a.rag === 'red')
      .map((a) => ({
        kind: 'plan-action',
        title: `Action plan ${a.number}: ${a.title}`,
        detail: { owner: a.owner, progress: a.progress, rag: a.rag },
        sourceId: a.id,
        href: `/plan/${a.id}`,
        minutesAllowed: 5,
      }));
  },
});

/** Default Licensing Liaison section: the Traffic Light Scheme's premises on red and amber. */
registerAgendaSectionProvider({
  id: 'llp.premises',
  title: 'Traffic Light Scheme: premises on red and amber',
  types: ['llp'],
  order: 10,
  async build(ctx) {
    const ranked = await ctx.services.premises.ranked(ctx.partnershipId);
    return ranked
      .filter((p) => p.result.band !== 'green')
      .map((p) => ({
        kind: 'premises',
        title: `${p.name} (${p.result.band}, ${p.result.total} points)`,
        detail: { address: p.address, band: p.result.band, points: p.result.total },
        premisesId: p.id,
        href: `/premises/${p.id}`,
        minutesAllowed: 5,
      }));
  },
});

/**
 * Default NTE section: premises with ASB reports nearby on the weekend nights just gone. The
 * night-time-economy module replaces it (same id) with its weekend pack.
 */
registerAgendaSectionProvider({
  id: 'nte.weekend',
  title: 'The weekend just gone: premises with ASB reports nearby',
  types: ['nte'],
  order: 10,
  async build(ctx) {
    const ranked = await ctx.services.premises.ranked(ctx.partnershipId);
    const counts = await ctx.services.premises.nearbyCounts(ctx.partnershipId, ranked);
    return ranked
      .filter((p) => (counts.get(p.id)?.weekendNights ?? 0) > 0)
      .map((p) => ({
        kind: 'premises',
        title: `${p.name}: ${counts.get(p.id)!.weekendNights} weekend-night reports nearby`,
        detail: { address: p.address, band: p.result.band, weekendNights: counts.get(p.id)!.weekendNights },
        premisesId: p.id,
        href: `/premises/${p.id}`,
        minutesAllowed: 3,
      }));
  },
});
