import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import { formatLongDate } from '../../platform/dates/index.js';
import {
  ACTION_DECISIONS,
  actionSchema,
  actionUpdateSchema,
  CASE_DECISIONS,
  outcomeSchema,
} from '../conduct-service.js';
import { DECISION_LABELS } from '../pack-content.js';
import { renderPackPdf } from '../pack-pdf.js';
import type { MeetingServices } from '../services.js';
import { actorOf, backToMeeting, body, param, RAG_ITEMS } from './helpers.js';

const VIEW = { access: 'staff.home' } as const;
const MANAGE = { access: 'meetings.manage' } as const;

/** Recording the meeting: attendance, item outcomes, actions; and the packs. */
export function registerRecordPages(app: FastifyInstance, s: MeetingServices): void {
  const attendancePage = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const actor = actorOf(req);
    const { m, series } = await s.series.manageable(actor, param(req, 'id'));
    const people = await s.conduct.attendanceList(actor, m.id);
    return reply.render('meetings/attendance.njk', {
      title: 'Attendance',
      m,
      series,
      people,
      dateText: formatLongDate(m.held_on),
      errors: {},
      ...extra,
    });
  };
  app.get('/meetings/:id/attendance', { config: MANAGE }, (req, reply) => attendancePage(req, reply));
  app.post('/meetings/:id/attendance', { config: MANAGE }, async (req, reply) => {
    const r = await s.conduct.recordAttendance(actorOf(req), param(req, 'id'), body(req));
    if (!r.ok) return attendancePage(req, reply.code(400), { errors: r.errors });
    return backToMeeting(req, reply, param(req, 'id'), 'Attendance recorded', '#attendance');
  });

  const itemPage = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const actor = actorOf(req);
    const { m, series } = await s.series.manageable(actor, param(req, 'id'));
    const item = await s.ctx.repo.item(m.id, param(req, 'itemId'));
    if (!item) return reply.callNotFound();
    const choices: readonly string[] =
      item.kind === 'action' ? ACTION_DECISIONS : item.case_id ? CASE_DECISIONS : ['noted'];
    return reply.render('meetings/item.njk', {
      title: 'Record the item',
      m,
      series,
      item,
      detail: JSON.parse(item.detail),
      decisionItems: choices.map((value) => ({ value, text: DECISION_LABELS[value] })),
      values: { notes: item.notes, decision: item.decision, decisionNote: item.decision_note },
      errors: {},
      ...extra,
    });
  };
  app.get('/meetings/:id/items/:itemId', { config: MANAGE }, (req, reply) => itemPage(req, reply));
  app.post('/meetings/:id/items/:itemId', { config: MANAGE }, async (req, reply) => {
    const form = parseForm(outcomeSchema, body(req));
    const r = form.ok
      ? await s.conduct.recordOutcome(actorOf(req), param(req, 'id'), param(req, 'itemId'), form.value!)
      : { ok: false as const, errors: form.errors };
    if (!r.ok) return itemPage(req, reply.code(400), { errors: r.errors, values: body(req) });
    return backToMeeting(req, reply, param(req, 'id'), 'Item recorded', '#agenda');
  });

  const actionPage = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const actor = actorOf(req);
    const { m, series } = await s.series.manageable(actor, param(req, 'id'));
    const [staff, items] = await Promise.all([s.ctx.repo.staff(m.partnership_id), s.ctx.repo.items(m.id)]);
    return reply.render('meetings/action-new.njk', {
      title: 'Raise an action',
      m,
      series,
      dateText: formatLongDate(m.held_on),
      ownerItems: staff.map((u) => ({ value: u.id, text: `${u.name} (${u.agency_name})` })),
      itemItems: items.map((i) => ({ value: i.id, text: i.title })),
      ragItems: RAG_ITEMS,
      values: { itemId: (req.query as Record<string, string>).item ?? '', rag: 'amber' },
      errors: {},
      ...extra,
    });
  };
  app.get('/meetings/:id/actions/new', { config: MANAGE }, (req, reply) => actionPage(req, reply));
  app.post('/meetings/:id/actions', { config: MANAGE }, async (req, reply) => {
    const form = parseForm(actionSchema, body(req));
    const r = form.ok
      ? await s.conduct.raiseAction(actorOf(req), param(req, 'id'), form.value!)
      : { ok: false as const, errors: form.errors };
    if (!r.ok) return actionPage(req, reply.code(400), { errors: r.errors, values: body(req) });
    return backToMeeting(req, reply, param(req, 'id'), 'Action raised', '#actions');
  });

  const actionUpdatePage = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const actor = actorOf(req);
    const a = await s.ctx.repo.action(actor.user.partnershipId, param(req, 'actionId'));
    if (!a) return reply.callNotFound();
    const { series, m } = await s.series.open(actor, a.meeting_id, 'action');
    const updates = await s.ctx.repo.actionUpdates([a.id]);
    return reply.render('meetings/action.njk', {
      title: 'Meeting action',
      a,
      series,
      m,
      updates,
      ragItems: RAG_ITEMS,
      values: { rag: a.rag },
      errors: {},
      ...extra,
    });
  };
  app.get('/meetings/actions/:actionId', { config: VIEW }, (req, reply) => actionUpdatePage(req, reply));
  app.post('/meetings/actions/:actionId', { config: VIEW }, async (req, reply) => {
    const form = parseForm(actionUpdateSchema, body(req));
    const r = form.ok
      ? await s.conduct.updateAction(actorOf(req), param(req, 'actionId'), form.value!)
      : { ok: false as const, errors: form.errors };
    if (!r.ok) return actionUpdatePage(req, reply.code(400), { errors: r.errors, values: body(req) });
    await req.flash('success', 'Action updated');
    return reply.redirect(`/meetings/actions/${param(req, 'actionId')}`);
  });

  app.get('/meetings/:id/packs/:packId', { config: VIEW }, async (req, reply) => {
    const { pack, content, intact } = await s.packs.open(
      actorOf(req),
      param(req, 'id'),
      param(req, 'packId'),
      'html',
    );
    return reply.render('meetings/pack.njk', {
      title: `${content.kind === 'agenda' ? 'Agenda pack' : 'Minutes'} ${content.number}`,
      pack,
      p: content,
      intact,
      decisionLabels: DECISION_LABELS,
      formatLongDate,
    });
  });

  app.get('/meetings/:id/packs/:packId/pdf', { config: VIEW }, async (req, reply) => {
    const { pack, content } = await s.packs.open(actorOf(req), param(req, 'id'), param(req, 'packId'), 'pdf');
    const pdf = await renderPackPdf(content, { sealed: pack.sealed === 1, hash: pack.hash });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${content.number}.pdf"`)
      .send(pdf);
  });
}
