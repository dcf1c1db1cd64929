/** The victim contact log, agreed-contact alerts and the ASB Case Review prompt. */
import type { FastifyInstance } from 'fastify';
import { parseForm, asList } from '../../platform/web/forms.js';
import type { CaseServices } from '../services.js';
import { contactSchema } from '../schemas.js';
import { CONTACT_CHANNELS, PARTY_ROLES, itemsOf } from '../labels.js';
import { splitDate } from '../form-dates.js';
import { actorOf, bodyWithDates, done, MANAGE, params, READ } from './helpers.js';
import { page } from './render.js';

export function registerContactRoutes(app: FastifyInstance, s: CaseServices): void {
  const contactsPage = async (
    req: any,
    reply: any,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await s.contacts.forCase(actorOf(req), params(req).id);
    if (!values) {
      const victim = v.parties.find((p) => p.role === 'victim');
      values = {
        partyId: victim?.id ?? '',
        direction: 'outbound',
        successful: 'yes',
        channel: victim?.preferred_channel ?? '',
      };
      splitDate(values, 'contactedOn', s.cases.ctx.today());
    }
    return page(errors ? reply.code(400) : reply, 'contacts', {
      title: `Contacts – ${v.c.reference}`,
      ...v,
      values,
      errors,
      partyItems: [
        { value: '', text: 'Choose a person' },
        ...v.parties.map((p) => ({
          value: p.id,
          text: `${p.display_name} (${PARTY_ROLES[p.role as keyof typeof PARTY_ROLES] ?? p.role})`,
        })),
      ],
      channelItems: itemsOf(CONTACT_CHANNELS),
    });
  };

  app.get('/cases/:id/contacts', { config: READ }, (req, reply) => contactsPage(req, reply));

  app.post('/cases/:id/contacts', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const body = bodyWithDates(req, ['contactedOn']);
    const form = parseForm(contactSchema, body);
    const told = asList(body.toldAboutCaseReview).includes('yes');
    const result = form.ok
      ? await s.contacts.log(actorOf(req), id, { ...form.value!, toldAboutCaseReview: told })
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return contactsPage(req, reply, form.values, result.errors);
    return done(req, reply, `/cases/${id}/contacts`, 'Contact recorded');
  });
}
