/**
 * The night-time-economy packs on the NTE and Licensing Liaison agendas: the weekend pack for the
 * weekend that ended before the meeting, and the Licensing Liaison pack for the month before it,
 * each the issued (frozen) version, issued at the cut-off if it was not yet.
 */
import { londonInstant, type IsoDate } from '../platform/dates/index.js';
import { NteService, packForMeeting } from '../nte/service.js';
import { lastEndedWeekend } from '../nte/window.js';
import { registerAgendaSectionProvider, type AgendaContext } from './agenda-sections.js';

/** The month before the meeting's, as YYYY-MM. */
export function monthBefore(heldOn: IsoDate): string {
  const [y, m] = heldOn.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

async function packItem(ctx: AgendaContext, kind: 'weekend' | 'llp', period: string) {
  const pack = await packForMeeting(ctx.deps, ctx.partnershipId, kind, period);
  return {
    kind: 'pack',
    title: `${pack.title} (version ${pack.version})`,
    detail: { packId: pack.id, pdf: pack.pdfHref },
    sourceId: pack.id,
    href: pack.href,
    minutesAllowed: 10,
  };
}

registerAgendaSectionProvider({
  id: 'nte.pack',
  title: 'The weekend pack',
  types: ['nte'],
  order: 5,
  async build(ctx) {
    const settings = await new NteService(ctx.deps).settings(ctx.partnershipId);
    const start = londonInstant(ctx.meeting.held_on as IsoDate, ctx.meeting.start_time || '09:00');
    return [await packItem(ctx, 'weekend', lastEndedWeekend(start, settings))];
  },
});

registerAgendaSectionProvider({
  id: 'llp.pack',
  title: 'The Licensing Liaison pack',
  types: ['llp'],
  order: 5,
  async build(ctx) {
    return [await packItem(ctx, 'llp', monthBefore(ctx.meeting.held_on as IsoDate))];
  },
});
