/** Communications campaigns: the list, a new campaign, figures entered or imported from CSV. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { AppDeps } from '../../platform/module.js';
import { parseForm } from '../../platform/web/forms.js';
import { can } from '../../platform/permissions/roles.js';
import { joinDates, splitDate } from '../../cases/form-dates.js';
import { todayInLondon } from '../../platform/dates/calendar-date.js';
import { campaignSchema, figuresSchema } from '../campaigns-service.js';
import type { OperationsServices } from '../services.js';
import { CHANNELS, itemsOf } from '../labels.js';

type Body = Record<string, unknown>;
const idOf = (r: FastifyRequest) => (r.params as { id: string }).id;

export function registerCampaignRoutes(app: FastifyInstance, deps: AppDeps, s: OperationsServices): void {
  const campaigns = s.campaigns;
  const today = () => todayInLondon(deps.clock.now());

  const listPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors?: Record<string, string>,
  ) => {
    if (errors) reply.code(400);
    return reply.render('operations/campaigns.njk', {
      title: 'Communications campaigns',
      campaigns: await campaigns.list(req.user!.partnershipId),
      values,
      errors,
      channelItems: itemsOf(CHANNELS),
      canRecord: can(req.user!.role, 'operations.record'),
    });
  };

  app.get('/operations/campaigns', { config: { access: 'operations.read' } }, async (req, reply) => {
    const values: Body = {};
    splitDate(values, 'startsOn', today());
    return listPage(req, reply, values);
  });

  app.post('/operations/campaigns', { config: { access: 'operations.record' } }, async (req, reply) => {
    const f = parseForm(campaignSchema, joinDates(req.body, ['startsOn', 'endsOn']));
    const r = f.ok ? await campaigns.create(req.user!, f.value!) : { errors: f.errors };
    if (Object.keys(r.errors).length) return listPage(req, reply, f.values, r.errors);
    await req.flash('success', 'Campaign recorded');
    return reply.redirect(`/operations/campaigns/${'id' in r ? r.id : ''}`, 303);
  });

  const campaignPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body = {},
    errors?: Record<string, string>,
  ) => {
    const v = await campaigns.view(req.user!, idOf(req));
    if (errors) reply.code(400);
    if (!values['recordedOn-day']) splitDate(values, 'recordedOn', today());
    return reply.render('operations/campaign.njk', {
      title: v.campaign.topic,
      ...v,
      labels: CHANNELS,
      values,
      errors,
      channelItems: [{ value: '', text: 'Choose a channel' }, ...itemsOf(CHANNELS)],
      canRecord: can(req.user!.role, 'operations.record'),
    });
  };

  app.get('/operations/campaigns/:id', { config: { access: 'operations.read' } }, (req, reply) =>
    campaignPage(req, reply),
  );

  app.post(
    '/operations/campaigns/:id/figures',
    { config: { access: 'operations.record' } },
    async (req, reply) => {
      const f = parseForm(figuresSchema, joinDates(req.body, ['recordedOn']));
      const errors = f.ok ? await campaigns.addFigures(req.user!, idOf(req), f.value!) : f.errors;
      if (Object.keys(errors).length) return campaignPage(req, reply, f.values, errors);
      await req.flash('success', 'Figures recorded');
      return reply.redirect(`/operations/campaigns/${idOf(req)}`, 303);
    },
  );

  app.post(
    '/operations/campaigns/:id/import',
    { config: { access: 'operations.record' } },
    async (req, reply) => {
      let csv: string | null = null;
      if (req.isMultipart())
        for await (const part of req.parts()) {
          if (part.type !== 'file') continue;
          const file = part as MultipartFile;
          if (csv !== null || !file.filename) {
            file.file.resume();
            continue;
          }
          csv = (await file.toBuffer()).toString('utf8');
        }
      if (csv === null) return campaignPage(req, reply, {}, { file: 'Select a CSV file of figures' });
      const r = await campaigns.importCsv(req.user!, idOf(req), csv);
      if (Object.keys(r.errors).length) return campaignPage(req, reply, {}, r.errors);
      await req.flash('success', `${r.imported} rows of figures imported`);
      return reply.redirect(`/operations/campaigns/${idOf(req)}`, 303);
    },
  );
}
