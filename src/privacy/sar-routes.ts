import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { asList, parseForm } from '../platform/web/forms.js';
import { dateItems, joinDates } from '../cases/form-dates.js';
import { SarService } from './sar-service.js';
import { extendSchema, newSarSchema } from './schemas.js';
import { redactionKey } from './sar-export.js';

const meta = (r: { ip: string; id: string }) => ({ ip: r.ip, requestId: r.id });
const access = { config: { access: 'privacy.manage' as const } };
const SEARCH_FIELDS = ['givenName', 'surname', 'phone', 'email', 'postcode'] as const;

/** Subject access: the request list is on /data-protection; these are one request's pages. */
export function registerSarRoutes(app: FastifyInstance, deps: AppDeps): void {
  const sars = new SarService(deps);
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

  const newPage = (values: Record<string, unknown> = {}, errors: Record<string, string> = {}) => ({
    title: 'New subject access request',
    values,
    errors,
    receivedItems: dateItems(values, 'receivedOn', !!errors.receivedOn),
  });
  app.get('/data-protection/requests/new', access, async (_req, reply) =>
    reply.render('privacy/sar-new.njk', newPage()),
  );
  app.post('/data-protection/requests', access, async (req, reply) => {
    const form = parseForm(newSarSchema, joinDates(req.body, ['receivedOn']));
    if (!form.ok) return reply.code(400).render('privacy/sar-new.njk', newPage(form.values, form.errors));
    const v = form.value!;
    const id = await sars.create(req.user!, { ...v, lawEnforcement: v.lawEnforcement === 'yes' }, meta(req));
    await req.flash('success', 'Request recorded: find the person next');
    return reply.redirect(`/data-protection/requests/${id}`);
  });

  const requestPage = async (req: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const id = idOf(req);
    const request = await sars.get(req.user!, id);
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const typed = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, (q[f] ?? '').trim()]));
    const searched = Object.values(typed).some(Boolean);
    const candidates = searched ? await sars.candidates(req.user!, id, typed, meta(req)) : [];
    return {
      title: `Subject access request ${request.reference}`,
      request,
      typed,
      searched,
      candidates,
      values: {},
      errors: {},
      toldItems: dateItems({}, 'toldOn', false),
      ...extra,
    };
  };
  app.get('/data-protection/requests/:id', access, async (req, reply) =>
    reply.render('privacy/sar.njk', await requestPage(req)),
  );

  app.post('/data-protection/requests/:id/extend', access, async (req, reply) => {
    const form = parseForm(extendSchema, joinDates(req.body, ['toldOn']));
    let errors = form.errors;
    if (form.ok) {
      const refusal = await sars.extend(
        req.user!,
        idOf(req),
        form.value!.toldOn,
        form.value!.reason,
        meta(req),
      );
      if (!refusal) {
        await req.flash('success', 'Request extended by two months');
        return reply.redirect(`/data-protection/requests/${idOf(req)}`);
      }
      errors = { toldOn: refusal };
    }
    return reply.code(400).render(
      'privacy/sar.njk',
      await requestPage(req, {
        values: form.values,
        errors,
        toldItems: dateItems(form.values, 'toldOn', true),
      }),
    );
  });

  app.post('/data-protection/requests/:id/records', access, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const personId = String(body.personId ?? '');
    const decisions = asList(body.recordIds).map((recordId) => ({
      recordId,
      decision: body[`decision-${recordId}`] === 'theirs' ? ('theirs' as const) : ('not-theirs' as const),
    }));
    if (!personId || !decisions.length) {
      await req.flash('success', 'Choose whether each record is the requester’s');
      return reply.redirect(`/data-protection/requests/${idOf(req)}`);
    }
    await sars.decide(req.user!, idOf(req), personId, decisions, meta(req));
    const n = decisions.filter((d) => d.decision === 'theirs').length;
    await req.flash('success', `${n} record${n === 1 ? '' : 's'} confirmed as the requester’s`);
    return reply.redirect(`/data-protection/requests/${idOf(req)}`);
  });

  app.get('/data-protection/requests/:id/review', access, async (req, reply) => {
    const { request, data } = await sars.preview(req.user!, idOf(req), meta(req));
    return reply.render('privacy/sar-review.njk', {
      title: `Review the export for ${request.reference}`,
      request,
      data,
      key: redactionKey,
    });
  });

  app.post('/data-protection/requests/:id/review', access, async (req, reply) => {
    const keys = asList((req.body as Record<string, unknown>)?.redact);
    const n = await sars.saveRedactions(req.user!, idOf(req), keys, meta(req));
    await req.flash('success', `Review saved with ${n} redaction${n === 1 ? '' : 's'}: the export is ready`);
    return reply.redirect(`/data-protection/requests/${idOf(req)}`);
  });

  app.get('/data-protection/requests/:id/export.zip', access, async (req, reply) => {
    const { name, zip } = await sars.exportZip(req.user!, idOf(req), meta(req));
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(zip);
  });

  app.post('/data-protection/requests/:id/close', access, async (req, reply) => {
    await sars.close(req.user!, idOf(req), meta(req));
    await req.flash('success', 'Request closed');
    return reply.redirect('/data-protection');
  });
}
