/**
 * The public calendar: meetings of public series (Cluster Panels and any other the partnership makes
 * public) with ward, date, time and venue; and its iCalendar feeds, one for all and one per series,
 * that calendar apps subscribe to. Confidential series never appear here.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { addCalendarMonths, addDays } from '../platform/dates/index.js';
import { londonInstant } from './schedule.js';
import type { MeetingsContext } from './context.js';
import type { SeriesService, SeriesView } from './series-service.js';

export interface PublicMeeting {
  id: string;
  seriesId: string;
  seriesName: string;
  seriesCode: string;
  ward: string | null;
  date: string;
  startTime: string;
  start: Date;
  end: Date;
  venue: string;
  cancelled: boolean;
  note: string | null;
}

export class PublicCalendar {
  constructor(
    private readonly ctx: MeetingsContext,
    private readonly series: SeriesService,
  ) {}

  async publicSeries(partnershipId: string): Promise<SeriesView[]> {
    return (await this.series.all(partnershipId)).filter((s) => s.confidentiality === 'public' && s.active);
  }

  /** Public meetings from a week ago to `months` ahead, optionally of one series. */
  async meetings(
    partnershipId: string,
    opts: { seriesId?: string; months?: number } = {},
  ): Promise<PublicMeeting[]> {
    await this.series.topUp(partnershipId);
    const all = await this.publicSeries(partnershipId);
    const series = opts.seriesId ? all.filter((s) => s.id === opts.seriesId) : all;
    const byId = new Map(series.map((s) => [s.id, s]));
    const today = this.ctx.today();
    const rows = await this.ctx.repo.meetings(partnershipId, {
      seriesIds: [...byId.keys()],
      from: addDays(today, -7),
      to: addCalendarMonths(today, opts.months ?? 12),
    });
    return rows.map((m) => {
      const s = byId.get(m.series_id)!;
      const start = londonInstant(m.held_on, m.start_time);
      return {
        id: m.id,
        seriesId: s.id,
        seriesName: s.name,
        seriesCode: s.code,
        ward: s.ward,
        date: m.held_on,
        startTime: m.start_time,
        start,
        end: new Date(start.getTime() + s.duration_minutes * 60_000),
        venue: m.venue,
        cancelled: m.status === 'cancelled',
        note: m.status === 'cancelled' ? `Cancelled: ${m.cancelled_reason}` : m.moved_reason,
      };
    });
  }

  /** An iCalendar feed of these meetings. Times are UTC instants worked out from London time. */
  ics(name: string, meetings: PublicMeeting[], baseUrl: string): string {
    const cal = ical({
      name,
      method: ICalCalendarMethod.PUBLISH,
      prodId: { company: 'ASB Hub', product: 'meetings' },
    });
    for (const m of meetings) {
      cal.createEvent({
        id: `${m.id}@asbhub`,
        start: m.start,
        end: m.end,
        stamp: new Date(this.ctx.now()),
        summary: m.ward ? `${m.seriesName} (${m.ward})` : m.seriesName,
        location: m.venue,
        description: m.note ?? undefined,
        status: m.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        url: `${baseUrl}/calendar`,
      });
    }
    return cal.toString();
  }
}
