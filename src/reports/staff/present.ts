import type { ReferenceData } from '../reference.js';
import type { RouteView } from '../repository.js';
import type { ReportUpdatesTable } from '../tables.js';

const KIND_LABEL: Record<string, string> = {
  created: 'Report received',
  state: 'State changed',
  note: 'Note added',
  routed: 'Re-routed',
  assigned: 'Assignment',
  job: 'Environmental job',
  comment: 'Comment from the reporter',
};

const DELIVERY: Record<string, string> = {
  queued: 'Email waiting to send',
  sent: 'Emailed',
  failed: 'Email failed',
};

/** The report's updates for the MoJ timeline, newest first, each with the state it set. */
export function timelineItems(
  updates: (ReportUpdatesTable & { user_name: string | null })[],
  ref: ReferenceData,
) {
  return updates.map((u) => ({
    label: { text: `${KIND_LABEL[u.kind] ?? u.kind}: ${ref.state.get(u.state_code)?.label ?? u.state_code}` },
    text: [u.text, u.public ? '(shown to the reporter)' : ''].filter(Boolean).join(' '),
    datetime: { timestamp: u.at, type: 'datetime' },
    byline: { text: u.user_name ?? u.author_label ?? 'System' },
  }));
}

/** The report's teams: workflow (assignment) kept apart from delivery (queue, or an email's status). */
export function routeRows(routes: RouteView[]) {
  return routes.map((r) => ({
    ...r,
    delivery:
      r.delivery_method === 'email'
        ? `${DELIVERY[r.outbox_status ?? ''] ?? 'Email not sent'}${r.delivery_email ? ` (${r.delivery_email})` : ''}`
        : 'In team queue',
  }));
}
