import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { parseForm } from '../../platform/web/forms.js';
import { can } from '../../platform/permissions/roles.js';
import { ReportInputError, REPORTER_KINDS, CHANNEL_LABELS } from '../service.js';
import { assignSchema, bulkAssignSchema, rerouteSchema, updateSchema } from '../schemas.js';
import { isOverdue } from '../sla.js';
import { reportPhotoDir } from '../photos.js';
import { timelineItems, routeRows } from './present.js';
import { PersonInfoService } from '../../people/person-info.js';
import { FLAG_LABELS } from '../../people/repeats.js';
import type { ReportServices } from '../services.js';

const PAGE_SIZE = 50;
const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });

/** Team queues and report pages for staff. */
export function registerStaffRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  s: ReportServices,
  personInfo: PersonInfoService,
): void {
  const { reports } = s;

  app.get('/queue', { config: { access: 'reports.read' } }, async (req, reply) => {
    const user = req.user!;
    const q = req.query as Record<string, string | undefined>;
    const ref = await reports.referenceData(user.partnershipId);
    const isAdmin = user.role === 'administrator';
    const teamId = isAdmin ? (q.team && q.team !== 'all' ? q.team : null) : user.teamId;
    const team = teamId ? ref.team.get(teamId) : null;
    const page = Math.max(1, Number(q.page) || 1);
    const filters = {
      state: q.state || 'open',
      category: q.category || '',
      assigned: q.assigned === 'me' ? user.id : q.assigned || '',
      overdue: q.overdue === 'yes',
      reference: q.reference?.trim() || '',
      sort: (['due', 'newest', 'oldest'].includes(q.sort ?? '') ? q.sort : 'due') as
        'due' | 'newest' | 'oldest',
    };
    const now = deps.clock.iso();
    const { rows, total } =
      teamId || isAdmin
        ? await reports.repo.queue({
            partnershipId: user.partnershipId,
            teamId,
            ...filters,
            now,
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
          })
        : { rows: [], total: 0 };
    const members = teamId ? await reports.repo.teamMembers(teamId) : [];
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const qs = (p: number) => {
      const u = new URLSearchParams(
        Object.entries({ ...q, page: String(p) }).filter(([, v]) => v) as [string, string][],
      );
      return `/queue?${u.toString()}`;
    };
    return reply.render('reports/queue.njk', {
      title: team ? `Queue: ${team.name}` : 'Queue: all teams',
      team,
      isAdmin,
      teams: ref.teams,
      rows: rows.map((r) => ({
        ...r,
        category: ref.category.get(r.category_code)?.name ?? r.category_code,
        state: ref.state.get(r.state_code)?.label ?? r.state_code,
        overdue: isOverdue(r, now),
      })),
      total,
      members,
      states: ref.states,
      categories: ref.categories,
      values: { ...q, state: filters.state, sort: filters.sort, team: teamId ?? (isAdmin ? 'all' : '') },
      canManage: can(user.role, 'reports.manage'),
      pagination: {
        previous: page > 1 ? { href: qs(page - 1) } : undefined,
        next: page < pages ? { href: qs(page + 1) } : undefined,
        items:
          pages > 1
            ? Array.from({ length: Math.min(pages, 10) }, (_, i) => ({
                number: i + 1,
                href: qs(i + 1),
                current: i + 1 === page,
              }))
            : [],
      },
    });
  });

  app.post('/queue/assign', { config: { access: 'reports.manage' } }, async (req, reply) => {
    const form = parseForm(bulkAssignSchema, req.body);
    const back = `/queue?team=${encodeURIComponent(String((req.body as any)?.teamId ?? ''))}`;
    if (!form.ok) {
      await req.flash('info', Object.values(form.errors)[0]);
      return reply.redirect(back);
    }
    try {
      const n = await reports.bulkAssign(
        req.user!,
        form.value!.teamId,
        form.value!.reportIds,
        form.value!.assignee || null,
        meta(req),
      );
      await req.flash(
        'success',
        `${n} ${n === 1 ? 'report' : 'reports'} ${form.value!.assignee ? 'assigned' : 'unassigned'}`,
      );
    } catch (err) {
      if (!(err instanceof ReportInputError)) throw err;
      await req.flash('info', err.message);
    }
    return reply.redirect(back);
  });

  const showReport = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    values: Record<string, unknown> = {},
  ) => {
    const user = req.user!;
    const reference = (req.params as { reference: string }).reference;
    const v = await reports.view(user, reference, meta(req));
    const r = v.report;
    const now = deps.clock.iso();
    const category = v.ref.category.get(r.category_code);
    // The reporter's repeat flags (the viewer may see this report; the person page applies its own need-to-know).
    const flagPeople =
      r.reporter_person_id && !r.anonymous
        ? await personInfo.flagPanel(user.partnershipId, [
            { personId: r.reporter_person_id, name: r.reporter_name ?? undefined, role: 'reporter' },
          ])
        : [];
    return reply.code(errors ? 400 : 200).render('reports/report.njk', {
      flagPeople,
      flagLabels: FLAG_LABELS,
      canOpenPeople: can(user.role, 'people.read'),
      title: `Report ${r.reference}`,
      r,
      category,
      state: v.ref.state.get(r.state_code),
      overdue: isOverdue(r, now),
      contexts: (JSON.parse(r.place_contexts) as string[]).map(
        (c) => v.ref.contexts.find((x) => x.code === c)?.label ?? c,
      ),
      reporterKind: REPORTER_KINDS[r.reporter_kind as keyof typeof REPORTER_KINDS] ?? r.reporter_kind,
      channel: CHANNEL_LABELS[r.channel as keyof typeof CHANNEL_LABELS] ?? r.channel,
      routes: routeRows(v.routes),
      timeline: timelineItems(v.updates, v.ref),
      photos: v.photos,
      states: v.ref.states,
      teams: v.ref.teams,
      activeTeamIds: v.routes.filter((x) => x.active === 1).map((x) => x.team_id),
      myRoute: v.myRoute,
      members: v.members,
      canManage: can(user.role, 'reports.manage'),
      mapTileUrl: deps.config.mapTileUrl,
      errors,
      values: { stateCode: r.state_code, assignee: v.myRoute?.assigned_user_id ?? '', ...values },
    });
  };

  app.get('/reports/:reference', { config: { access: 'reports.read' } }, (req, reply) =>
    showReport(req, reply),
  );

  app.get(
    '/reports/:reference/photos/:photoId',
    { config: { access: 'reports.read' } },
    async (req, reply) => {
      const { reference, photoId } = req.params as { reference: string; photoId: string };
      const { report, photo } = await reports.photoFor(req.user!, reference, photoId, meta(req));
      const file = path.join(
        reportPhotoDir(deps.config.uploadDir, report.id),
        path.basename(photo.stored_name),
      );
      if (!fs.existsSync(file)) return reply.code(404).send('Photo not found');
      reply.header('cache-control', 'private, no-store');
      reply.header('content-disposition', `inline; filename="${photo.original_name.replace(/"/g, '')}"`);
      return reply.type(photo.mime).send(fs.createReadStream(file));
    },
  );

  type Outcome = string | { done: string; redirect: string } | Record<string, string>;
  const act =
    (handler: (req: FastifyRequest, reference: string) => Promise<Outcome>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const reference = (req.params as { reference: string }).reference;
      try {
        const result = await handler(req, reference);
        if (typeof result === 'string' || typeof result.done === 'string') {
          const done =
            typeof result === 'string'
              ? { done: result, redirect: `/reports/${encodeURIComponent(reference)}` }
              : (result as { done: string; redirect: string });
          await req.flash('success', done.done);
          return reply.redirect(done.redirect);
        }
        return showReport(req, reply, result as Record<string, string>, req.body as Record<string, unknown>);
      } catch (err) {
        if (err instanceof ReportInputError)
          return showReport(req, reply, err.fields, req.body as Record<string, unknown>);
        throw err;
      }
    };

  app.post(
    '/reports/:reference/updates',
    { config: { access: 'reports.manage' } },
    act(async (req, reference) => {
      const form = parseForm(updateSchema, req.body);
      if (!form.ok) return form.errors;
      await reports.addUpdate(
        req.user!,
        reference,
        { stateCode: form.value!.stateCode, text: form.value!.text ?? null, public: form.value!.public },
        meta(req),
      );
      return 'Update added';
    }),
  );

  app.post(
    '/reports/:reference/assign',
    { config: { access: 'reports.manage' } },
    act(async (req, reference) => {
      const form = parseForm(assignSchema, req.body);
      await reports.assign(req.user!, reference, form.value?.assignee || null, meta(req));
      return form.value?.assignee ? 'Report assigned' : 'Report unassigned';
    }),
  );

  app.post(
    '/reports/:reference/route',
    { config: { access: 'reports.manage' } },
    act(async (req, reference) => {
      const form = parseForm(rerouteSchema, req.body);
      if (!form.ok) return form.errors;
      await reports.reroute(req.user!, reference, form.value!.teamIds, form.value!.reason, meta(req));
      const report = await reports.summary(req.user!.partnershipId, reference);
      const stillVisible = !!report && (await reports.canSee(req.user!, report.id));
      return stillVisible
        ? 'Report re-routed'
        : {
            done: `Report ${reference} re-routed. It is no longer in your team's queue.`,
            redirect: '/queue',
          };
    }),
  );
}
