/**
 * What a pack holds: the frozen snapshot made when an agenda or minutes are issued, and the same
 * snapshot as one viewer may see it (case and person details withheld where need-to-know does not
 * reach them). Pages and PDFs are both drawn from the viewer's copy.
 */
import { createHash } from 'node:crypto';
import type { Chair } from './access.js';

export interface PackAction {
  id: string;
  text: string;
  owner: string;
  agency: string;
  dueOn: string;
  rag: string;
  status: string;
  outcome: string | null;
  caseId: string | null;
  updates: { at: string; by: string; text: string; carried: string | null }[];
}

export interface PackItem {
  no: string;
  id: string;
  kind: string;
  title: string;
  detail: Record<string, unknown>;
  caseId: string | null;
  personId: string | null;
  href: string | null;
  minutesAllowed: number;
  notes: string | null;
  decision: string | null;
  decisionNote: string | null;
  withheld?: boolean;
}

export interface PackContent {
  kind: 'agenda' | 'minutes';
  number: string;
  version: number;
  issuedAt: string;
  issuedBy: string;
  marking: string;
  confidentiality: string;
  series: { id: string; name: string; code: string; typeLabel: string };
  meeting: {
    id: string;
    date: string;
    startTime: string;
    venue: string;
    chairs: Chair[];
    cutoff: string;
    minutesDue: string;
  };
  sections: { title: string; items: PackItem[] }[];
  totalMinutes: number;
  attendance: { name: string; agency: string; status: string }[];
  actions: PackAction[];
}

export function hashContent(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

export const DECISION_LABELS: Record<string, string> = {
  accepted: 'Accepted',
  'not-accepted': 'Not accepted (advice given)',
  closed: 'Closed',
  deferred: 'Deferred',
  noted: 'Noted',
  done: 'Done',
  'change-of-circumstance': 'Carried forward: change of circumstance',
  'agency-did-not-act': 'Carried forward: agency did not act',
};

/** The snapshot as a viewer may see it: items about cases or people they may not see are withheld. */
export async function packForViewer(
  content: PackContent,
  may: { seeCase(caseId: string): Promise<boolean>; seePeople: boolean },
): Promise<PackContent> {
  const seen = new Map<string, boolean>();
  const canSee = async (caseId: string) => {
    if (!seen.has(caseId)) seen.set(caseId, await may.seeCase(caseId));
    return seen.get(caseId)!;
  };
  const hide = async (caseId: string | null, personId: string | null) =>
    caseId ? !(await canSee(caseId)) : !!personId && !may.seePeople;
  const sections = [];
  for (const s of content.sections) {
    const items: PackItem[] = [];
    for (const i of s.items) {
      if (!(await hide(i.caseId, i.personId))) {
        items.push(i);
        continue;
      }
      const ref = typeof i.detail.caseReference === 'string' ? `case ${i.detail.caseReference}` : 'a person';
      items.push({
        ...i,
        title: `Item about ${ref}: details withheld (not shared with your agency)`,
        detail: {},
        href: null,
        notes: null,
        decisionNote: null,
        withheld: true,
      });
    }
    sections.push({ ...s, items });
  }
  const actions = [];
  for (const a of content.actions)
    actions.push(
      a.caseId && !(await canSee(a.caseId))
        ? { ...a, text: 'Action on a case not shared with your agency', updates: [] }
        : a,
    );
  return { ...content, sections, actions };
}
