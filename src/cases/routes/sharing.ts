/** Sharing a case with another agency, and ending it. */
import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import type { CaseServices } from '../services.js';
import { shareSchema } from '../schemas.js';
import { actorOf, done, params, READ, SHARE } from './helpers.js';
import { page } from './render.js';

export function registerSharingRoutes(app: FastifyInstance, s: CaseServices): void {
  const sharingPage = async (
    req: any,
    reply: any,
    values: Record<string, unknown> = {},
    errors?: Record<string, string>,
  ) => {
    const v = await s.sharing.list(actorOf(req), params(req).id);
    const leadAgency = (await s.cases.repo.team(v.c.lead_team_id))?.agency_id;
    return page(errors ? reply.code(400) : reply, 'sharing', {
      title: `Sharing – ${v.c.reference}`,
      ...v,
      values,
      errors,
      agencyItems: [
        { value: '', text: 'Choose an agency' },
        ...v.agencies.filter((a) => a.id !== leadAgency).map((a) => ({ value: a.id, text: a.name })),
      ],
    });
  };

  app.get('/cases/:id/sharing', { config: READ }, (req, reply) => sharingPage(req, reply));

  app.post('/cases/:id/sharing', { config: SHARE }, async (req, reply) => {
    const id = params(req).id;
    const form = parseForm(shareSchema, req.body);
    const result = form.ok
      ? await s.sharing.share(actorOf(req), id, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return sharingPage(req, reply, form.values, result.errors);
    return done(req, reply, `/cases/${id}/sharing`, `Case shared with ${result.value.agencyName}`);
  });

  app.post('/cases/:id/sharing/:shareId/revoke', { config: SHARE }, async (req, reply) => {
    const { id, shareId } = params(req);
    const result = await s.sharing.revoke(actorOf(req), id, shareId, String((req.body as any)?.reason ?? ''));
    if (!result.ok) return sharingPage(req, reply, req.body as Record<string, unknown>, result.errors);
    return done(req, reply, `/cases/${id}/sharing`, 'Sharing ended');
  });
}
