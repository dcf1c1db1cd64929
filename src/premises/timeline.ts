/** A premises' history as one timeline: Traffic Light entries, visits, interventions and colour changes. */
import type { ScoredItem } from './rules/traffic-light.js';
import type {
  PremisesColourChangesTable,
  PremisesInterventionsTable,
  PremisesVisitsTable,
} from './tables.js';
import {
  INTERVENTION_KINDS,
  OUTCOMES_BY_KIND,
  interventionDates,
  type InterventionKind,
} from './interventions.js';
import { OUTCOMES } from './visits.js';

export interface TimelineEntry {
  date: string;
  what: string;
  text: string;
  /** An open intervention offers its outcomes. */
  open?: { id: string; outcomes: { value: string; text: string }[] };
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export function premisesTimeline(
  items: readonly ScoredItem[],
  visits: readonly PremisesVisitsTable[],
  interventions: readonly PremisesInterventionsTable[],
  colours: readonly Pick<
    PremisesColourChangesTable,
    'changed_on' | 'from_band' | 'to_band' | 'total' | 'reason'
  >[],
): TimelineEntry[] {
  const out: TimelineEntry[] = [
    ...items.map((i) => ({
      date: i.date,
      what: i.kind === 'penalty' ? 'Incident' : 'Good practice',
      text: `${i.label}: ${i.note}`,
    })),
    ...visits.map((v) => ({
      date: v.visit_on,
      what: v.status === 'planned' ? 'Visit planned' : 'Visit',
      text: [
        `By ${v.officer_label}`,
        v.outcome
          ? `${OUTCOMES[v.outcome as keyof typeof OUTCOMES]}${v.breaches ? ` (${v.breaches})` : ''}`
          : null,
        v.findings,
        v.conditions_checked ? `Conditions checked: ${v.conditions_checked}` : null,
      ]
        .filter(Boolean)
        .join('. '),
    })),
    ...interventions.map((i) => {
      const outcomes = OUTCOMES_BY_KIND[i.kind as InterventionKind];
      const parts = [
        i.details,
        i.responsible_person ? `Responsible at the premises: ${i.responsible_person}` : null,
        i.summary_review ? 'Summary review' : null,
        ...interventionDates(i).map((d) => `${d.label}: ${d.date}`),
        i.outcome ? `Outcome: ${outcomes[i.outcome]} (${i.closed_on})` : 'Open',
      ];
      return {
        date: i.started_on,
        what: INTERVENTION_KINDS[i.kind as InterventionKind],
        text: parts.filter(Boolean).join('. '),
        open: i.outcome
          ? undefined
          : { id: i.id, outcomes: Object.entries(outcomes).map(([value, text]) => ({ value, text })) },
      };
    }),
    ...colours
      .filter((c) => c.from_band)
      .map((c) => ({
        date: c.changed_on,
        what: 'Colour change',
        text: `${cap(c.from_band!)} to ${cap(c.to_band)} (${c.total} points). ${c.reason}`,
      })),
  ];
  return out.sort((a, b) => b.date.localeCompare(a.date));
}
