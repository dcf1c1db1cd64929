import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import { can } from '../../platform/permissions/roles.js';
import { notFound } from '../../platform/web/errors.js';
import { addDays, formatLongDate, workingDaysBetween } from '../../platform/dates/index.js';
import { customItemSchema } from '../agenda-service.js';
import { MEETING_TYPES, moveSchema, seriesFormInput, seriesFormSchema } from '../series-service.js';
import { DECISION_LABELS } from '../pack-content.js';
import { chairsOf } from '../access.js';
import type { MeetingServices } from '../services.js';
import { actorOf, backToMeeting, body, param } from './helpers.js';

const VIEW = { access: 'staff.home' } as const;
const MANAGE = { access: 'meetings.manage' } as const;

/** Series, the meetings list and one meeting's page with its agenda. */
export function registerMeetingPages(app: FastifyInstance, s: MeetingServices): void {
  app.get('/meetings', { config: VIEW }, async (req, reply) => {
    const actor = actorOf(req);
    await s.series.topUp(actor.user.partnershipId);
    const series = await s.series.visible(actor);
    const today = s.ctx.today();
    const upcoming = (
      await s.ctx.repo.meetings(actor.user.partnershipId, {
        seriesIds: series.filter((x) => x.access.member).map((x) => x.id),
        from: today,
        to: addDays(today, 42),
      })
    ).map((m) => {
      const sr = series.find((x) => x.id === m.series_id)!;
      const dates = s.series.datesOf(sr, m);
      return {
        ...m,
        series: sr,
        dateText: formatLongDate(m.held_on),
        cutoffText: formatLongDate(dates.cutoff),
        readBeforeCutoff: m.agenda_status === 'issued',
      };
    });
    const actions = await s.conduct.myActions(actor);
    return reply.render('meetings/index.njk', {
      title: 'My meetings and actions',
      upcoming,
      series,
      actions: actions.map((a) => ({ ...a, overdue: a.due_on < today })),
      canManage: can(actor.user.role, 'meetings.manage'),
    });
  });

  const seriesForm = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const pid = req.user!.partnershipId;
    const [staff, agencies] = await Promise.all([s.ctx.repo.staff(pid), s.ctx.repo.agencies(pid)]);
    return reply.render('meetings/series-new.njk', {
      title: 'Add a meeting series',
      staffItems: staff.map((u) => ({ value: u.id, text: `${u.name} (${u.agency_name})` })),
      agencyItems: agencies.map((a) => ({ value: a.id, text: a.name })),
      typeItems: Object.entries(MEETING_TYPES).map(([value, text]) => ({ value, text })),
      values: {
        confidentiality: 'confidential',
        protectiveMarking: 'OFFICIAL-SENSITIVE',
        agendaCutoffDays: '5',
        minutesDeadlineDays: '3',
        minutesPerCase: '10',
        durationMinutes: '120',
        startTime: '10:00',
        scheduleKind: 'monthly',
        nth: '1',
        weekday: '2',
      },
      errors: {},
      ...extra,
    });
  };
  app.get('/meetings/series/new', { config: MANAGE }, (req, reply) => seriesForm(req, reply));
  app.post('/meetings/series', { config: MANAGE }, async (req, reply) => {
    const form = parseForm(seriesFormSchema, seriesFormInput(body(req)));
    const result = form.ok
      ? await s.series.create(actorOf(req), form.value!)
      : { ok: false as const, errors: flattenScheduleErrors(form.errors) };
    if (!result.ok) {
      reply.code(400);
      return seriesForm(req, reply, { errors: result.errors, values: body(req) });
    }
    await req.flash(
      'success',
      'Meeting series added: its meetings for the next 12 months are in the calendar',
    );
    return reply.redirect(`/meetings/series/${result.value.id}`);
  });

  app.get('/meetings/series/:id', { config: VIEW }, async (req, reply) => {
    const actor = actorOf(req);
    const series = (await s.series.visible(actor)).find((x) => x.id === param(req, 'id'));
    if (!series) {
      // Refused (and audited) the same way as a meeting of the series.
      const first = (
        await s.ctx.repo.meetings(actor.user.partnershipId, { seriesIds: [param(req, 'id')] })
      )[0];
      if (first) await s.series.open(actor, first.id, 'series');
      throw notFound('Meeting series');
    }
    const meetings = (await s.ctx.repo.meetings(actor.user.partnershipId, { seriesIds: [series.id] })).map(
      (m) => ({ ...m, dateText: formatLongDate(m.held_on) }),
    );
    return reply.render('meetings/series.njk', {
      title: series.name,
      series,
      meetings,
      today: s.ctx.today(),
    });
  });

  app.get('/meetings/:id', { config: VIEW }, async (req, reply) => {
    const actor = actorOf(req);
    const { m, series, access, dates } = await s.series.open(actor, param(req, 'id'));
    const items = await s.ctx.repo.items(m.id);
    const sections = await s.packs.liveSections(actor, m.id, true);
    const [packs, attendance, actions, prev] = await Promise.all([
      s.ctx.repo.packs(m.id),
      s.ctx.repo.attendance(m.id),
      s.packs.actionsFor(m.partnership_id, m.id),
      s.ctx.repo.previousMeeting(series.id, m.held_on),
    ]);
    const total = items.reduce((n, i) => n + i.minutes_allowed, 0);
    const today = s.ctx.today();
    return reply.render('meetings/meeting.njk', {
      title: `${series.name}: ${formatLongDate(m.held_on)}`,
      m,
      meetingChairs: chairsOf(m.chairs),
      series,
      access,
      dates: {
        ...dates,
        cutoffText: formatLongDate(dates.cutoff),
        minutesDueText: formatLongDate(dates.minutesDue),
      },
      minutesDaysLeft: workingDaysBetween(today, dates.minutesDue),
      sections,
      total,
      fits: total <= series.duration_minutes,
      packs,
      attendance,
      actions,
      prev,
      happened: m.held_on <= today,
      decisionLabels: DECISION_LABELS,
      dateText: formatLongDate(m.held_on),
    });
  });

  app.post('/meetings/:id/agenda/build', { config: MANAGE }, async (req, reply) => {
    const r = await s.agenda.build(actorOf(req), param(req, 'id'));
    if (!r.ok) {
      await req.flash('info', r.errors.agenda);
      return reply.redirect(`/meetings/${param(req, 'id')}`);
    }
    return backToMeeting(
      req,
      reply,
      param(req, 'id'),
      `Agenda built from the data at the cut-off: ${r.value.items} items`,
      '#agenda',
    );
  });

  app.post('/meetings/:id/agenda/items', { config: MANAGE }, async (req, reply) => {
    const form = parseForm(customItemSchema, body(req));
    const r = form.ok
      ? await s.agenda.addItem(actorOf(req), param(req, 'id'), form.value!)
      : { ok: false as const, errors: form.errors };
    if (!r.ok) {
      await req.flash('info', Object.values(r.errors).join('. '));
      return reply.redirect(`/meetings/${param(req, 'id')}#add-item`);
    }
    return backToMeeting(req, reply, param(req, 'id'), 'Item added to the agenda', '#agenda');
  });

  app.post('/meetings/:id/agenda/items/:itemId/remove', { config: MANAGE }, async (req, reply) => {
    const r = await s.agenda.removeItem(actorOf(req), param(req, 'id'), param(req, 'itemId'));
    if (!r.ok) await req.flash('info', r.errors.agenda);
    else await req.flash('success', 'Item removed from the agenda');
    return reply.redirect(`/meetings/${param(req, 'id')}#agenda`);
  });

  app.post('/meetings/:id/agenda/issue', { config: MANAGE }, async (req, reply) => {
    const r = await s.packs.issueAgenda(actorOf(req), param(req, 'id'));
    if (!r.ok) {
      await req.flash('info', r.errors.agenda);
      return reply.redirect(`/meetings/${param(req, 'id')}`);
    }
    return backToMeeting(
      req,
      reply,
      param(req, 'id'),
      `Agenda issued: pack version ${r.value.version} is frozen`,
      '#packs',
    );
  });

  app.post('/meetings/:id/minutes/circulate', { config: MANAGE }, async (req, reply) => {
    const r = await s.packs.circulateMinutes(actorOf(req), param(req, 'id'));
    if (!r.ok) {
      await req.flash('info', r.errors.minutes);
      return reply.redirect(`/meetings/${param(req, 'id')}#minutes`);
    }
    return backToMeeting(
      req,
      reply,
      param(req, 'id'),
      `Draft minutes circulated (version ${r.value.version})`,
      '#packs',
    );
  });

  app.post('/meetings/:id/minutes/approve-previous', { config: MANAGE }, async (req, reply) => {
    const r = await s.packs.approvePreviousMinutes(actorOf(req), param(req, 'id'));
    if (!r.ok) {
      await req.flash('info', r.errors.minutes);
      return reply.redirect(`/meetings/${param(req, 'id')}#minutes`);
    }
    return backToMeeting(
      req,
      reply,
      param(req, 'id'),
      `Minutes of the previous meeting approved and sealed (SHA-256 ${r.value.hash.slice(0, 16)}…)`,
      '#minutes',
    );
  });

  const moveForm = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const { m, series } = await s.series.manageable(actorOf(req), param(req, 'id'));
    return reply.render('meetings/move.njk', {
      title: 'Move or cancel the meeting',
      m,
      series,
      dateText: formatLongDate(m.held_on),
      values: { date: m.held_on, startTime: m.start_time, venue: m.venue },
      errors: {},
      ...extra,
    });
  };
  app.get('/meetings/:id/move', { config: MANAGE }, (req, reply) => moveForm(req, reply));
  app.post('/meetings/:id/move', { config: MANAGE }, async (req, reply) => {
    const b = body(req);
    const cancelling = b.action === 'cancel';
    const form = cancelling ? null : parseForm(moveSchema, b);
    const r = cancelling
      ? await s.series.cancel(actorOf(req), param(req, 'id'), String(b.cancelReason ?? ''))
      : form!.ok
        ? await s.series.move(actorOf(req), param(req, 'id'), form!.value!)
        : { ok: false as const, errors: form!.errors };
    if (!r.ok) {
      reply.code(400);
      const errors = cancelling ? { cancelReason: r.errors.reason } : r.errors;
      return moveForm(req, reply, { errors, values: b });
    }
    return backToMeeting(req, reply, param(req, 'id'), cancelling ? 'Meeting cancelled' : 'Meeting moved');
  });
}

/** The schedule's nested errors (schedule-nth...) are shown against the flat fields. */
function flattenScheduleErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const key = k.startsWith('schedule') ? k.replace(/^schedule-?/, '') || 'scheduleKind' : k;
    out[key === 'kind' ? 'scheduleKind' : key] ??=
      k.startsWith('schedule') && !k.includes('-') ? 'Choose how often the meeting meets' : v;
  }
  for (const k of ['nth', 'weekday', 'firstMonth', 'anchor'])
    if (out[k])
      out[k] = {
        nth: 'Choose which week of the month',
        weekday: 'Choose the day of the week',
        firstMonth: 'Choose the first month of the quarter',
        anchor: 'Enter the date of the first meeting as YYYY-MM-DD',
      }[k]!;
  return out;
}
