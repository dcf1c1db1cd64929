/** Case actions, "my work" and the managers' overdue view. */
import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import type { CaseServices } from '../services.js';
import { actionSchema, actionUpdateSchema } from '../schemas.js';
import { ACTION_STATUSES, RAG, itemsOf } from '../labels.js';
import { splitDate } from '../form-dates.js';
import { addDays } from '../../platform/dates/calendar-date.js';
import { actorOf, bodyWithDates, done, MANAGE, params, query, READ } from './helpers.js';
import { page } from './render.js';

export function registerActionRoutes(app: FastifyInstance, s: CaseServices): void {
  const ownerItems = async (partnershipId: string) => {
    const [teams, staff] = await Promise.all([
      s.cases.repo.partnershipTeams(partnershipId),
      s.cases.repo.staff(partnershipId),
    ]);
    return [
      ...teams.map((t) => ({ value: `team:${t.id}`, text: `Team: ${t.agency_code} ${t.name}` })),
      ...staff
        .filter((u) => u.role !== 'auditor')
        .map((u) => ({
          value: `user:${u.id}`,
          text: `Officer: ${u.name}${u.team_name ? ` (${u.team_name})` : ''}`,
        })),
    ];
  };

  app.get('/cases/:id/actions', { config: READ }, async (req, reply) => {
    const v = await s.actions.forCase(actorOf(req), params(req).id);
    return page(reply, 'actions', { title: `Actions – ${v.c.reference}`, ...v });
  });

  const newPage = async (
    req: any,
    reply: any,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const { c, access } = await s.cases.header(actorOf(req), params(req).id, 'manage');
    return page(errors ? reply.code(400) : reply, 'action-new', {
      title: 'Add an action',
      c,
      access,
      values,
      errors,
      ownerItems: await ownerItems(c.partnership_id),
      ragItems: itemsOf(RAG),
    });
  };

  app.get('/cases/:id/actions/new', { config: MANAGE }, async (req, reply) => {
    const values: Record<string, unknown> = { owner: `user:${req.user!.id}`, rag: 'green' };
    splitDate(values, 'dueOn', addDays(s.cases.ctx.today(), 14));
    return newPage(req, reply, values);
  });

  app.post('/cases/:id/actions/new', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const form = parseForm(actionSchema, bodyWithDates(req, ['dueOn']));
    const result = form.ok
      ? await s.actions.add(actorOf(req), id, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return newPage(req, reply, form.values, result.errors);
    return done(req, reply, `/cases/${id}/actions`, 'Action added');
  });

  const actionPage = async (
    req: any,
    reply: any,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const { id, actionId } = params(req);
    const { c, access, action } = await s.actions.get(actorOf(req), id, actionId, 'read');
    if (!values) {
      values = {
        status: action.status,
        rag: action.rag,
        owner: action.owner_user_id ? `user:${action.owner_user_id}` : `team:${action.owner_team_id}`,
      };
      splitDate(values, 'dueOn', action.due_on);
    }
    return page(errors ? reply.code(400) : reply, 'action', {
      title: action.title,
      c,
      access,
      action,
      values,
      errors,
      ownerItems: access.canManage ? await ownerItems(c.partnership_id) : [],
      statusItems: itemsOf(ACTION_STATUSES),
      ragItems: itemsOf(RAG),
    });
  };

  app.get('/cases/:id/actions/:actionId', { config: READ }, (req, reply) => actionPage(req, reply));

  app.post('/cases/:id/actions/:actionId', { config: MANAGE }, async (req, reply) => {
    const { id, actionId } = params(req);
    const form = parseForm(actionUpdateSchema, bodyWithDates(req, ['dueOn']));
    const result = form.ok
      ? await s.actions.update(actorOf(req), id, actionId, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return actionPage(req, reply, form.values, result.errors);
    return done(req, reply, `/cases/${id}/actions`, 'Action updated');
  });

  app.get('/my-work', { config: { access: 'cases.read' } }, async (req, reply) => {
    const actor = actorOf(req);
    const work = await s.myWork(actor);
    return page(reply, 'my-work', { title: 'My work', ...work, today: s.cases.ctx.today() });
  });

  app.get('/my-work/overdue', { config: MANAGE }, async (req, reply) => {
    const q = query(req);
    const teams = await s.cases.repo.partnershipTeams(req.user!.partnershipId);
    const teamId = q.team ?? (req.user!.role === 'administrator' ? '' : (req.user!.teamId ?? ''));
    const rows = await s.actions.overdue(actorOf(req), teamId || undefined);
    return page(reply, 'overdue', {
      title: 'Overdue actions',
      rows,
      teamId,
      teamItems: [
        { value: '', text: 'Every team' },
        ...teams.map((t) => ({ value: t.id, text: `${t.agency_code}: ${t.name}` })),
      ],
    });
  });
}
