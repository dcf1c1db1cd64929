/** People in a case (with contact and sharing preferences) and linked places. */
import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import type { CaseServices } from '../services.js';
import { partySchema, placeSchema, preferencesSchema } from '../schemas.js';
import { CONTACT_CHANNELS, FREQUENCY_LABELS, PARTY_ROLES, frequencyOf, itemsOf } from '../labels.js';
import { visibleParty } from '../access.js';
import { splitDate } from '../form-dates.js';
import { actorOf, bodyWithDates, done, MANAGE, params, READ } from './helpers.js';
import { page } from './render.js';

export function registerPartyRoutes(app: FastifyInstance, s: CaseServices): void {
  const newPartyPage = async (
    req: any,
    reply: any,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const { c, access } = await s.cases.header(actorOf(req), params(req).id, 'manage');
    return page(errors ? reply.code(400) : reply, 'party-new', {
      title: 'Add a person to the case',
      c,
      access,
      values,
      errors,
      roleItems: itemsOf(PARTY_ROLES),
    });
  };

  app.get('/cases/:id/parties/new', { config: MANAGE }, (req, reply) => newPartyPage(req, reply, {}));

  app.post('/cases/:id/parties/new', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const form = parseForm(partySchema, bodyWithDates(req, ['dob']));
    const result = form.ok
      ? await s.parties.add(actorOf(req), id, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return newPartyPage(req, reply, form.values, result.errors);
    return done(req, reply, `/cases/${id}`, `${PARTY_ROLES[form.value!.role]} added to the case`);
  });

  const partyPage = async (
    req: any,
    reply: any,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const { id, partyId } = params(req);
    const actor = actorOf(req);
    const { c, access, party } = await s.parties.get(actor, id, partyId);
    const history = access.sensitive ? await s.cases.casesForPerson(c.partnership_id, party.person_id) : [];
    const visibleHistory = [];
    for (const h of history)
      if (h.case_id !== id && (await s.cases.canSee(actor, h.case_id))) visibleHistory.push(h);
    await s.cases.ctx.record(
      actor,
      'case.party-viewed',
      { type: 'case', id },
      { partyId, mode: access.mode },
    );
    if (!values) {
      values = {
        contactFrequency: frequencyOf(party.contact_every, party.contact_unit) ?? '',
        preferredChannel: party.preferred_channel ?? '',
        consentToShare:
          party.consent_to_share === 1 ? 'yes' : party.consent_to_share === 0 ? 'no' : 'not-asked',
        sharingPreferences: party.sharing_preferences ?? '',
      };
      splitDate(values, 'consentRecordedOn', party.consent_recorded_on);
    }
    return page(errors ? reply.code(400) : reply, 'party', {
      title: party.display_name,
      c,
      access,
      party: visibleParty(party, access),
      otherCases: visibleHistory,
      values,
      errors,
      frequencyItems: [{ value: '', text: 'No agreement' }, ...itemsOf(FREQUENCY_LABELS)],
      channelItems: [{ value: '', text: 'No preference' }, ...itemsOf(CONTACT_CHANNELS)],
    });
  };

  app.get('/cases/:id/parties/:partyId', { config: READ }, (req, reply) => partyPage(req, reply));

  app.post('/cases/:id/parties/:partyId/preferences', { config: MANAGE }, async (req, reply) => {
    const { id, partyId } = params(req);
    const form = parseForm(preferencesSchema, bodyWithDates(req, ['consentRecordedOn']));
    const result = form.ok
      ? await s.parties.setPreferences(actorOf(req), id, partyId, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return partyPage(req, reply, form.values, result.errors);
    return done(req, reply, `/cases/${id}/parties/${partyId}`, 'Contact and sharing preferences saved');
  });

  app.post('/cases/:id/parties/:partyId/remove', { config: MANAGE }, async (req, reply) => {
    const { id, partyId } = params(req);
    const reason = String((req.body as any)?.reason ?? '');
    const result = await s.parties.remove(actorOf(req), id, partyId, reason);
    if (!result.ok) return partyPage(req, reply, undefined, result.errors);
    return done(req, reply, `/cases/${id}`, 'Person removed from the case');
  });

  const placePage = async (
    req: any,
    reply: any,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const { c, access } = await s.cases.header(actorOf(req), params(req).id, 'manage');
    return page(errors ? reply.code(400) : reply, 'place-new', {
      title: 'Link a place or premises',
      c,
      access,
      values,
      errors,
    });
  };

  app.get('/cases/:id/places/new', { config: MANAGE }, (req, reply) =>
    placePage(req, reply, { kind: 'place' }),
  );

  app.post('/cases/:id/places/new', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const form = parseForm(placeSchema, req.body);
    const result = form.ok
      ? await s.parties.addPlace(actorOf(req), id, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return placePage(req, reply, form.values, result.errors);
    return done(req, reply, `/cases/${id}`, `${form.value!.label} linked to the case`);
  });

  app.post('/cases/:id/places/:placeId/remove', { config: MANAGE }, async (req, reply) => {
    const { id, placeId } = params(req);
    await s.parties.removePlace(actorOf(req), id, placeId);
    return done(req, reply, `/cases/${id}`, 'Place removed from the case');
  });
}
