import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TZDate } from '@date-fns/tz';
import type { AppDeps } from '../../platform/module.js';
import { ReportInputError } from '../service.js';
import { parseUkDateTime } from '../schemas.js';
import { JOB_STATE_LABELS, JOB_TRANSITIONS, type JobAction } from './jobs.js';
import type { ReportServices } from '../services.js';

const PAGE = 50;
const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
const ACTIONS: JobAction[] = ['schedule', 'start', 'clear', 'cancel', 'reopen'];
const ACTION_LABELS: Record<JobAction, string> = {
  schedule: 'Schedule',
  start: 'Start',
  clear: 'Mark as cleared',
  cancel: 'Cancel job',
  reopen: 'Reopen',
};

export function registerEnvironmentRoutes(app: FastifyInstance, deps: AppDeps, s: ReportServices): void {
  const { environment: env, reference: ref } = s;
  const access = { access: 'environment.manage' } as const;

  app.get('/environment/jobs', { config: access }, async (req, reply) => {
    const user = req.user!;
    const q = req.query as Record<string, string | undefined>;
    const data = await ref.load(user.partnershipId);
    const page = Math.max(1, Number(q.page) || 1);
    const now = deps.clock.iso();
    const { rows, total } = await env.jobs.list({
      partnershipId: user.partnershipId,
      teamId: env.teamFor(user, q.team),
      state: q.state || 'open',
      category: q.category || undefined,
      overdue: q.overdue === 'yes',
      now,
      limit: PAGE,
      offset: (page - 1) * PAGE,
    });
    const pages = Math.max(1, Math.ceil(total / PAGE));
    const link = (p: number) =>
      `/environment/jobs?${new URLSearchParams({ ...(q as Record<string, string>), page: String(p) }).toString()}`;
    return reply.render('reports/jobs.njk', {
      title: 'Environmental jobs',
      rows: rows.map((j) => ({
        ...j,
        category: data.category.get(j.category_code)?.name ?? j.category_code,
        stateLabel: JOB_STATE_LABELS[j.state as keyof typeof JOB_STATE_LABELS] ?? j.state,
        overdue: ['raised', 'scheduled', 'in-progress'].includes(j.state) && j.target_at < now,
      })),
      total,
      categories: data.categories.filter((c) => c.environmental),
      teams: data.teams,
      isAdmin: user.role === 'administrator',
      values: { state: q.state || 'open', category: q.category, overdue: q.overdue, team: q.team },
      pagination: {
        previous: page > 1 ? { href: link(page - 1) } : undefined,
        next: page < pages ? { href: link(page + 1) } : undefined,
      },
    });
  });

  app.get('/environment/dashboard', { config: { access: 'reports.read' } }, async (req, reply) =>
    reply.render('reports/jobs-dashboard.njk', {
      title: 'Environmental jobs: time to clear',
      d: await env.dashboard(req.user!),
    }),
  );

  const jobPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    values: Record<string, unknown> = {},
  ) => {
    const job = await env.get(req.user!, (req.params as { reference: string }).reference);
    const data = await ref.load(req.user!.partnershipId);
    const allowed = Object.keys(
      JOB_TRANSITIONS[job.state as keyof typeof JOB_TRANSITIONS] ?? {},
    ) as JobAction[];
    return reply.code(errors ? 400 : 200).render('reports/job.njk', {
      title: `Job ${job.reference}`,
      job,
      category: data.category.get(job.category_code),
      stateLabel: JOB_STATE_LABELS[job.state as keyof typeof JOB_STATE_LABELS] ?? job.state,
      overdue: ['raised', 'scheduled', 'in-progress'].includes(job.state) && job.target_at < deps.clock.iso(),
      actions: ACTIONS.filter((a) => allowed.includes(a)).map((a) => ({ value: a, text: ACTION_LABELS[a] })),
      errors,
      values,
    });
  };

  app.get('/environment/jobs/:reference', { config: access }, (req, reply) => jobPage(req, reply));

  app.post('/environment/jobs/:reference', { config: access }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const action = body.action as JobAction;
    if (!ACTIONS.includes(action))
      return jobPage(req, reply, { action: 'Select what to do with the job' }, body);
    let scheduledFor: string | null = null;
    if (action === 'schedule' && body.scheduledFor?.trim()) {
      const p = parseUkDateTime(body.scheduledFor);
      if (!p)
        return jobPage(req, reply, { scheduledFor: 'Enter the date and time like 28/11/2026 09:00' }, body);
      scheduledFor = new Date(
        new TZDate(p.y, p.m - 1, p.d, p.hh, p.mm, 0, 0, 'Europe/London').getTime(),
      ).toISOString();
    }
    if ((body.note?.length ?? 0) > 500)
      return jobPage(req, reply, { note: 'The note must be 500 characters or fewer' }, body);
    try {
      await env.act(
        req.user!,
        (req.params as { reference: string }).reference,
        action,
        { scheduledFor, note: body.note?.trim() || null, reason: body.reason?.trim() || null },
        meta(req),
      );
    } catch (err) {
      if (err instanceof ReportInputError) return jobPage(req, reply, err.fields, body);
      throw err;
    }
    await req.flash('success', `Job ${ACTION_LABELS[action].toLowerCase()}: done`);
    return reply.redirect(`/environment/jobs/${(req.params as { reference: string }).reference}`);
  });
}
