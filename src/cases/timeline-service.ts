/** One view of everything on a case, newest first: reports, decisions, actions, contacts, powers, risk. */
import { londonDateOf } from '../platform/dates/calendar-date.js';
import type { Actor } from './context.js';
import type { CaseService } from './service.js';

export interface TimelineItem {
  on: string;
  at: string;
  kind: string;
  label: string;
  text: string;
  by: string | null;
  href: string | null;
}

const KIND_LABELS: Record<string, string> = {
  transition: 'Status',
  decision: 'Decision',
  party: 'People',
  place: 'Places',
  team: 'Teams',
  report: 'Report',
  action: 'Action',
  ladder: 'Powers',
  contact: 'Contact',
  share: 'Sharing',
  document: 'Document',
};

/** Kinds whose wording may carry sensitive detail; a share without sensitive details shows only that they happened. */
const SENSITIVE_KINDS = new Set(['contact', 'document']);

export class TimelineService {
  constructor(private readonly cases: CaseService) {}

  async forCase(actor: Actor, caseId: string, kinds?: string[]) {
    const { c, access } = await this.cases.guard.open(actor, caseId, 'read');
    const [events, links] = await Promise.all([
      this.cases.repo.events(caseId),
      this.cases.repo.reportLinks(caseId),
    ]);
    const reports = await this.cases.reports.byIds(
      c.partnership_id,
      links.map((l) => l.report_id),
    );
    const items: TimelineItem[] = [
      ...reports.map((r) => ({
        on: londonDateOf(r.createdAt),
        at: r.createdAt,
        kind: 'report',
        label: `Report ${r.reference}`,
        text: `${r.categoryCode}${r.hateIncident ? ' (hate incident)' : ''}${r.locationText ? `, ${r.locationText}` : ''}`,
        by: null,
        href: `/reports/${r.reference}`,
      })),
      ...events
        .filter((e) => !(e.kind === 'report' && e.action === 'report-linked'))
        .map((e) => ({
          on: e.on_date,
          at: e.at,
          kind: e.kind,
          label: KIND_LABELS[e.kind] ?? e.kind,
          text:
            !access.sensitive && SENSITIVE_KINDS.has(e.kind)
              ? `${KIND_LABELS[e.kind]} recorded (details withheld)`
              : e.summary,
          by: e.user_name,
          href: null,
        })),
    ]
      .filter((i) => !kinds?.length || kinds.includes(i.kind))
      .sort((a, b) => b.on.localeCompare(a.on) || b.at.localeCompare(a.at));
    await this.cases.ctx.record(
      actor,
      'case.viewed',
      { type: 'case', id: caseId },
      { page: 'timeline', mode: access.mode },
    );
    return { c, access, items, kindLabels: KIND_LABELS };
  }
}
