/** City Community MARAC referral form (from a case) and the coordinator's referral inbox. */
import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import type { CaseServices } from '../services.js';
import { maracReferralSchema, referralDecisionSchema } from '../schemas.js';
import { REFERRAL_STATUSES, itemsOf } from '../labels.js';
import { actorOf, done, MANAGE, params, query, READ } from './helpers.js';
import { page } from './render.js';

export function registerMaracRoutes(app: FastifyInstance, s: CaseServices): void {
  const formPage = async (
    req: any,
    reply: any,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await s.marac.formFor(actorOf(req), params(req).id);
    if (!values) {
      const v0: Record<string, unknown> =
        v.open?.status === 'returned'
          ? { partyId: v.open.party_id, reason: v.open.reason, ...JSON.parse(v.open.form) }
          : { partyId: v.victims[0]?.id ?? '' };
      if (typeof v0.victimAware === 'boolean') v0.victimAware = v0.victimAware ? 'yes' : 'no';
      values = v0;
    }
    return page(errors ? reply.code(400) : reply, 'marac-new', {
      title: 'Refer the case to the Community MARAC',
      ...v,
      values,
      errors,
      victimItems: [
        { value: '', text: 'Choose the victim' },
        ...v.victims.map((p) => ({ value: p.id, text: p.display_name })),
      ],
    });
  };

  app.get('/cases/:id/marac/new', { config: MANAGE }, (req, reply) => formPage(req, reply));

  app.post('/cases/:id/marac/new', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const form = parseForm(maracReferralSchema, req.body);
    const result = form.ok
      ? await s.marac.refer(actorOf(req), id, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return formPage(req, reply, form.values, result.errors);
    return done(
      req,
      reply,
      `/cases/${id}`,
      `Referral ${result.value.reference} sent to the Community MARAC coordinator`,
    );
  });

  app.get('/marac-referrals', { config: { access: 'marac.coordinate' } }, async (req, reply) => {
    const status = query(req).status ?? 'submitted';
    const rows = await s.marac.inbox(actorOf(req), status);
    return page(reply, 'marac-inbox', {
      title: 'Community MARAC referrals',
      rows,
      status,
      statusItems: [{ value: '', text: 'Any status' }, ...itemsOf(REFERRAL_STATUSES)],
    });
  });

  const referralPage = async (
    req: any,
    reply: any,
    values: Record<string, unknown> = {},
    errors?: Record<string, string>,
  ) => {
    const v = await s.marac.get(actorOf(req), params(req).referralId);
    return page(errors ? reply.code(400) : reply, 'marac-referral', {
      title: `Referral ${v.referral.reference}`,
      ...v,
      values,
      errors,
    });
  };

  app.get('/marac-referrals/:referralId', { config: READ }, (req, reply) => referralPage(req, reply));

  app.post('/marac-referrals/:referralId', { config: { access: 'marac.coordinate' } }, async (req, reply) => {
    const referralId = params(req).referralId;
    const form = parseForm(referralDecisionSchema, req.body);
    const result = form.ok
      ? await s.marac.decide(actorOf(req), referralId, form.value!.decision, form.value!.note)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return referralPage(req, reply, form.values, result.errors);
    return done(
      req,
      reply,
      '/marac-referrals',
      `Referral ${result.value.reference} ${result.value.status === 'accepted' ? 'accepted for the meeting' : 'returned for more information'}`,
    );
  });
}
