/** A person's street page: contacts, hub attendance, Luscombe tickets and (for safeguarding roles) NRM records. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { parseForm } from '../../platform/web/forms.js';
import { can } from '../../platform/permissions/roles.js';
import { joinDates, splitDate } from '../../cases/form-dates.js';
import { todayInLondon } from '../../platform/dates/calendar-date.js';
import { hubSchema, ticketSchema } from '../luscombe-service.js';
import { nrmSchema } from '../safeguarding-service.js';
import type { OperationsServices } from '../services.js';
import { GROUNDS, HUB_OUTCOMES, NRM_KINDS, SIGNPOSTING, SUPPORT, itemsOf, labelsOf } from '../labels.js';
import { meta } from './contacts.js';

type Body = Record<string, unknown>;
const personOf = (r: FastifyRequest) => (r.params as { personId: string }).personId;

export function registerPeopleRoutes(app: FastifyInstance, deps: AppDeps, s: OperationsServices): void {
  const { luscombe, safeguarding, outreach } = s;
  const today = () => todayInLondon(deps.clock.now());

  app.get('/operations/people/:personId', { config: { access: 'operations.read' } }, async (req, reply) => {
    const user = req.user!;
    const personId = personOf(req);
    const name = await luscombe.personName(user, personId);
    const v = await luscombe.supportAndEnforcement(user, personId);
    const nrm = can(user.role, 'safeguarding.read') ? await safeguarding.forPerson(user, personId) : null;
    await outreach.record(
      user,
      'operations.person-viewed',
      { type: 'person', id: personId },
      { contacts: v.contacts.length, nrm: nrm?.length ?? null },
      meta(req),
    );
    return reply.render('operations/person.njk', {
      title: `${name}: street outreach`,
      name,
      personId,
      ...v,
      nrm,
      contactRows: v.contacts.map((c) => ({
        ...c,
        offered: labelsOf(SUPPORT, outreach.parse(c.support_offered)),
        accepted: labelsOf(SUPPORT, outreach.parse(c.support_accepted)),
        signposted: labelsOf(SIGNPOSTING, outreach.parse(c.signposted)),
      })),
      hubOutcomes: HUB_OUTCOMES,
      nrmKinds: NRM_KINDS,
      grounds: GROUNDS,
      canTicket: can(user.role, 'cases.manage'),
      canRecord: can(user.role, 'operations.record'),
    });
  });

  const ticketPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors?: Record<string, string>,
    warnings: { message: string }[] = [],
  ) => {
    const name = await luscombe.personName(req.user!, personOf(req));
    if (errors) reply.code(400);
    return reply.render('operations/ticket.njk', {
      title: 'Give a Luscombe ticket',
      name,
      personId: personOf(req),
      values,
      errors,
      warnings,
    });
  };

  app.get(
    '/operations/people/:personId/tickets/new',
    { config: { access: 'cases.manage' } },
    async (req, reply) => {
      const values: Body = { kind: (req.query as Body)?.kind === 'amber' ? 'amber' : 'green' };
      splitDate(values, 'issuedOn', today());
      return ticketPage(req, reply, values);
    },
  );

  app.post(
    '/operations/people/:personId/tickets',
    { config: { access: 'cases.manage' } },
    async (req, reply) => {
      const body = joinDates(req.body, ['issuedOn']);
      const form = parseForm(ticketSchema, body);
      if (!form.ok) return ticketPage(req, reply, form.values, form.errors);
      const r = await luscombe.issueTicket(req.user!, personOf(req), form.value!, meta(req));
      if (!r.ok) return ticketPage(req, reply, form.values, r.errors, r.warnings);
      await req.flash(
        'success',
        form.value!.kind === 'green'
          ? 'Green ticket recorded on the powers ladder'
          : 'Amber ticket recorded on the powers ladder',
      );
      return reply.redirect(`/operations/people/${personOf(req)}`, 303);
    },
  );

  const hubPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors?: Record<string, string>,
  ) => {
    const name = await luscombe.personName(req.user!, personOf(req));
    if (errors) reply.code(400);
    return reply.render('operations/hub.njk', {
      title: 'Record a hub session',
      name,
      personId: personOf(req),
      values,
      errors,
      outcomeItems: itemsOf(HUB_OUTCOMES),
    });
  };

  app.get(
    '/operations/people/:personId/hub/new',
    { config: { access: 'operations.record' } },
    async (req, reply) => {
      const values: Body = {};
      splitDate(values, 'attendedOn', today());
      return hubPage(req, reply, values);
    },
  );

  app.post(
    '/operations/people/:personId/hub',
    { config: { access: 'operations.record' } },
    async (req, reply) => {
      const form = parseForm(hubSchema, joinDates(req.body, ['attendedOn']));
      const errors = form.ok
        ? await luscombe.recordHub(req.user!, personOf(req), form.value!, meta(req))
        : form.errors;
      if (Object.keys(errors).length) return hubPage(req, reply, form.values, errors);
      await req.flash('success', 'Hub session recorded');
      return reply.redirect(`/operations/people/${personOf(req)}`, 303);
    },
  );

  const nrmPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors?: Record<string, string>,
  ) => {
    const name = await luscombe.personName(req.user!, personOf(req));
    if (errors) reply.code(400);
    return reply.render('operations/nrm.njk', {
      title: 'Record a modern slavery referral',
      name,
      personId: personOf(req),
      values,
      errors,
      kindItems: itemsOf(NRM_KINDS),
      rgItems: itemsOf({ awaited: GROUNDS.awaited, positive: GROUNDS.positive, negative: GROUNDS.negative }),
      cgItems: itemsOf(GROUNDS),
    });
  };

  app.get(
    '/operations/people/:personId/nrm/new',
    { config: { access: 'safeguarding.read' } },
    async (req, reply) => {
      const values: Body = { reasonableGrounds: 'awaited', conclusiveGrounds: 'awaited' };
      splitDate(values, 'referredOn', today());
      return nrmPage(req, reply, values);
    },
  );

  app.post(
    '/operations/people/:personId/nrm',
    { config: { access: 'safeguarding.read' } },
    async (req, reply) => {
      const form = parseForm(
        nrmSchema,
        joinDates(req.body, ['referredOn', 'reasonableGroundsOn', 'conclusiveGroundsOn']),
      );
      const errors = form.ok
        ? await safeguarding.recordNrm(req.user!, personOf(req), form.value!, meta(req))
        : form.errors;
      if (Object.keys(errors).length) return nrmPage(req, reply, form.values, errors);
      await req.flash('success', 'Modern slavery referral recorded');
      return reply.redirect(`/operations/people/${personOf(req)}`, 303);
    },
  );

  app.get('/operations/safeguarding', { config: { access: 'safeguarding.read' } }, async (req, reply) =>
    reply.render('operations/safeguarding.njk', {
      title: 'Modern slavery referrals',
      rows: await safeguarding.list(req.user!, meta(req)),
      nrmKinds: NRM_KINDS,
      grounds: GROUNDS,
    }),
  );
}
