import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './module.js';
import { registerAuthRoutes } from './auth/routes.js';
import { can } from './permissions/roles.js';
import type { PlatformServices } from './services.js';
import type { StaffShell } from './shell.js';

/** Public information pages, the staff home page, sign-in and the audit log. */
export function registerPlatformRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { platform: PlatformServices; shell: StaffShell },
): void {
  const { audit } = services.platform;
  const { shell } = services;
  registerAuthRoutes(app, deps, services.platform);

  app.get('/', { config: { access: 'public' } }, async (_req, reply) =>
    reply.render('platform/start.njk', { title: 'Report anti-social behaviour' }),
  );
  for (const [path, template, title] of [
    ['/accessibility', 'platform/accessibility.njk', 'Accessibility statement for ASB Hub'],
    ['/privacy', 'platform/privacy.njk', 'Privacy notice'],
    ['/cookies', 'platform/cookies.njk', 'Cookies'],
    ['/feedback', 'platform/feedback.njk', 'Give feedback on ASB Hub'],
  ] as const) {
    app.get(path, { config: { access: 'public' } }, async (_req, reply) => reply.render(template, { title }));
  }

  app.get('/staff', { config: { access: 'staff.home' } }, async (req, reply) => {
    const items = shell.nav.filter((n) => can(req.user!.role, n.permission));
    const cards = await shell.homeCards(req.user!, req.log);
    return reply.render('platform/staff-home.njk', { title: 'Home', items, cards });
  });

  app.get('/admin', { config: { access: 'staff.home' } }, async (req, reply) => {
    const items = shell.nav.filter((n) => n.admin && can(req.user!.role, n.permission));
    return reply.render('platform/admin.njk', { title: 'Administration', items });
  });

  app.get('/audit', { config: { access: 'audit.read' } }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const page = Math.max(1, Number(q.page) || 1);
    const errors = auditQueryErrors(q);
    if (errors)
      return reply.code(400).render('platform/audit.njk', {
        title: 'Audit log',
        rows: [],
        filters: q,
        page: 1,
        hasNext: false,
        errors,
      });
    const filters = {
      action: q.action?.trim() || undefined,
      subjectId: q.subjectId?.trim() || undefined,
      userEmail: q.userEmail?.trim() || undefined,
      from: q.from?.trim() || undefined,
      to: q.to?.trim() || undefined,
    };
    let userId: string | undefined;
    if (filters.userEmail) {
      const u = await deps.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', filters.userEmail.toLowerCase())
        .executeTakeFirst();
      userId = u?.id ?? 'no-such-user';
    }
    const rows = await audit.search({
      partnershipId: req.user!.partnershipId,
      userId,
      action: filters.action,
      subjectId: filters.subjectId,
      from: filters.from ? new Date(filters.from).toISOString() : undefined,
      to: filters.to ? new Date(new Date(filters.to).getTime() + 86_400_000).toISOString() : undefined,
      limit: 51,
      offset: (page - 1) * 50,
    });
    await audit.record({
      partnershipId: req.user!.partnershipId,
      userId: req.user!.id,
      userLabel: req.user!.email,
      action: 'audit.searched',
      details: filters,
      ip: req.ip,
      requestId: req.id,
    });
    return reply.render('platform/audit.njk', {
      title: 'Audit log',
      rows: rows.slice(0, 50),
      filters,
      page,
      hasNext: rows.length > 50,
    });
  });
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The audit search's dates must be real days (the page's date inputs send YYYY-MM-DD). */
function auditQueryErrors(q: Record<string, unknown>): Record<string, string> | null {
  const errors: Record<string, string> = {};
  for (const [field, label] of [
    ['from', 'From'],
    ['to', 'To'],
  ] as const) {
    const v = q[field];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string' || !ISO_DAY.test(v.trim()) || Number.isNaN(new Date(v.trim()).getTime()))
      errors[field] = `${label} must be a real date, like 2026-12-07`;
  }
  return Object.keys(errors).length ? errors : null;
}
