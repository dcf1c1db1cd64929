import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { AuditService } from '../platform/audit/service.js';
import { parseForm } from '../platform/web/forms.js';
import { notFound } from '../platform/web/errors.js';
import { PeopleService } from '../people/service.js';
import { PersonPrivacyService, CORRECTABLE } from '../people/privacy.js';
import { PeopleRepository } from '../people/repository.js';
import { correctionSchema, reasonSchema } from './schemas.js';

const meta = (r: { ip: string; id: string }) => ({ ip: r.ip, requestId: r.id });
const access = { config: { access: 'privacy.manage' as const } };

/** The DPO's page for one person: correct a record (history kept), restrict or lift the restriction. */
export function registerPersonPrivacyRoutes(app: FastifyInstance, deps: AppDeps): void {
  const rights = new PersonPrivacyService(deps);
  const people = new PeopleService(deps);
  const audit = new AuditService(deps.db, deps.dialect, deps.clock);
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

  const page = async (req: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const pid = req.user!.partnershipId;
    const personId = idOf(req);
    const person = await new PeopleRepository(deps.db).person(pid, personId);
    if (!person) throw notFound('Person');
    const [records, corrections] = await Promise.all([
      people.history(pid, personId),
      rights.corrections(pid, personId),
    ]);
    await audit.record({
      partnershipId: pid,
      userId: req.user!.id,
      userLabel: req.user!.name,
      action: 'person.viewed',
      subjectType: 'person',
      subjectId: personId,
      reason: 'data protection officer: rights request',
      details: { records: records.length },
      ...meta(req),
    });
    return {
      title: `${person.display_name}: data protection`,
      person,
      records,
      corrections,
      fields: CORRECTABLE,
      values: {},
      errors: {},
      ...extra,
    };
  };

  app.get('/data-protection/people/:id', access, async (req, reply) =>
    reply.render('privacy/person.njk', await page(req)),
  );

  for (const action of ['restrict', 'unrestrict'] as const)
    app.post(`/data-protection/people/:id/${action}`, access, async (req, reply) => {
      const form = parseForm(reasonSchema, req.body);
      if (!form.ok)
        return reply
          .code(400)
          .render('privacy/person.njk', await page(req, { values: form.values, errors: form.errors }));
      await rights[action](req.user!, idOf(req), form.value!.reason, meta(req));
      await req.flash(
        'success',
        action === 'restrict'
          ? 'Processing restricted: the person is hidden from lists, matching and packs'
          : 'Restriction lifted',
      );
      return reply.redirect(`/data-protection/people/${idOf(req)}`);
    });

  app.post('/data-protection/people/:id/correct', access, async (req, reply) => {
    const form = parseForm(correctionSchema, req.body);
    if (!form.ok)
      return reply
        .code(400)
        .render('privacy/person.njk', await page(req, { values: form.values, errors: form.errors }));
    const v = form.value!;
    await rights.correct(req.user!, idOf(req), v.recordId, v.field, v.value, v.reason, meta(req));
    await req.flash('success', `${CORRECTABLE[v.field]} corrected: the old value is kept in the history`);
    return reply.redirect(`/data-protection/people/${idOf(req)}`);
  });
}
