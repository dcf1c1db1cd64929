import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { parseForm } from '../platform/web/forms.js';
import { ROLES, ROLE_LABELS } from '../platform/permissions/roles.js';
import { PartnershipRepository } from './repository.js';
import { newUserSchema } from './users-service.js';
import type { PartnershipServices } from './services.js';

export function registerPartnershipRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { partnership: PartnershipServices },
): void {
  const admin = services.partnership.users;
  const partnerships = new PartnershipRepository(deps.db, deps.clock);
  const access = { access: 'users.manage' } as const;
  const meta = (r: { ip: string; id: string }) => ({ ip: r.ip, requestId: r.id });
  const roleItems = ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] }));
  const teamItems = async (partnershipId: string) =>
    (await partnerships.teams(partnershipId)).map((t) => ({
      value: t.id,
      text: `${t.agency_code}: ${t.name}`,
    }));

  app.get('/admin/users', { config: access }, async (req, reply) =>
    reply.render('partnership/users.njk', {
      title: 'Users',
      users: await admin.list(req.user!),
      roleLabels: ROLE_LABELS,
    }),
  );

  app.get('/admin/users/new', { config: access }, async (req, reply) =>
    reply.render('partnership/user-new.njk', {
      title: 'Add a user',
      values: {},
      roleItems,
      teamItems: await teamItems(req.user!.partnershipId),
    }),
  );

  app.post('/admin/users/new', { config: access }, async (req, reply) => {
    const form = parseForm(newUserSchema, req.body);
    const result = form.ok ? await admin.add(req.user!, form.value!, meta(req)) : { errors: form.errors };
    if ('errors' in result) {
      return reply.code(400).render('partnership/user-new.njk', {
        title: 'Add a user',
        values: form.values,
        errors: result.errors,
        roleItems,
        teamItems: await teamItems(req.user!.partnershipId),
      });
    }
    return reply.render('partnership/user-password.njk', {
      title: 'User added',
      heading: 'User added',
      email: (form.value!.email as string).toLowerCase(),
      password: result.password,
    });
  });

  app.get('/admin/users/:id', { config: access }, async (req, reply) => {
    const u = await admin.get(req.user!, (req.params as any).id);
    return reply.render('partnership/user.njk', {
      title: u.name,
      u,
      roleLabels: ROLE_LABELS,
      now: deps.clock.iso(),
    });
  });

  app.post('/admin/users/:id/reset-password', { config: access }, async (req, reply) => {
    const id = (req.params as any).id;
    const password = await admin.resetPassword(req.user!, id, meta(req));
    const u = await admin.get(req.user!, id);
    return reply.render('partnership/user-password.njk', {
      title: 'Password reset',
      heading: 'Password reset',
      email: u.email,
      password,
    });
  });

  app.post('/admin/users/:id/reset-two-factor', { config: access }, async (req, reply) => {
    const id = (req.params as any).id;
    await admin.resetTwoFactor(req.user!, id, meta(req));
    await req.flash('success', 'Security code reset. The user sets up a new one when they next sign in.');
    return reply.redirect(`/admin/users/${id}`);
  });

  app.post('/admin/users/:id/disable', { config: access }, async (req, reply) => {
    const id = (req.params as any).id;
    const disable = (req.body as any)?.disabled !== 'false';
    await admin.setDisabled(req.user!, id, disable, meta(req));
    await req.flash('success', disable ? 'Account disabled' : 'Account enabled');
    return reply.redirect(`/admin/users/${id}`);
  });
}
