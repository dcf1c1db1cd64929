/** The outreach contact journey: one question page at a time, each saved to the server-side draft. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { placeNames } from '../../reports/geo/gazetteer.js';
import type { OperationsServices } from '../services.js';
import type { OutreachContactsTable } from '../tables.js';
import { NEEDS, SEEN, SIGNPOSTING, SLAVERY_INDICATORS, SUPPORT, itemsOf, labelsOf } from '../labels.js';

const READ = { access: 'operations.read' } as const;
const RECORD = { access: 'operations.record' } as const;
type Body = Record<string, unknown>;

export const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
export const idOf = (r: FastifyRequest) => (r.params as { id: string }).id;

/** What a draft holds, as the form fields of its pages. */
function valuesOf(c: OutreachContactsTable, parse: (s: string) => string[]): Body {
  const [y, m, d] = (c.occurred_on ?? '--').split('-');
  return {
    landmark: c.place_kind === 'landmark' ? c.place_name : '',
    placeDetail: c.place_detail,
    lat: c.place_kind && c.place_kind !== 'landmark' ? c.lat : '',
    lng: c.place_kind && c.place_kind !== 'landmark' ? c.lng : '',
    placeKind: c.place_kind,
    'occurredOn-day': d ? String(Number(d)) : '',
    'occurredOn-month': m ? String(Number(m)) : '',
    'occurredOn-year': y,
    occurredTime: c.occurred_time,
    givenName: c.given_name,
    surname: c.surname,
    knownAs: c.known_as,
    approxAge: c.approx_age,
    appearance: c.appearance,
    match: c.person_choice === 'new' ? 'new' : c.person_id,
    seen: parse(c.seen),
    needs: parse(c.needs),
    supportOffered: parse(c.support_offered),
    supportAccepted: parse(c.support_accepted),
    signposted: parse(c.signposted),
    welfareConcern: c.welfare_concern === 1 ? 'yes' : c.welfare_concern === 0 ? 'no' : '',
    welfareNotes: c.welfare_notes,
    slaveryIndicators: parse(c.slavery_indicators),
    slaveryNotes: c.slavery_notes,
  };
}

const PAGES = ['where', 'person', 'match', 'needs', 'welfare', 'check'] as const;
type PageName = (typeof PAGES)[number];

export function registerContactRoutes(app: FastifyInstance, s: OperationsServices): void {
  const outreach = s.outreach;
  const lists = {
    seenItems: itemsOf(SEEN),
    needItems: itemsOf(NEEDS),
    supportItems: itemsOf(SUPPORT),
    signpostItems: itemsOf(SIGNPOSTING),
    indicatorItems: itemsOf(SLAVERY_INDICATORS),
  };

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    page: PageName,
    extra: { values?: Body; errors?: Record<string, string> } & Body = {},
  ) => {
    const c = await outreach.draft(req.user!, idOf(req));
    const values = extra.values ?? valuesOf(c, outreach.parse);
    const base = `/operations/contacts/${c.id}`;
    const data: Body = { c, base, values, ...lists, ...extra, change: (req.query as Body)?.change === '1' };
    if (page === 'where') data.places = placeNames().map((n) => ({ value: n, text: n }));
    if (page === 'match') data.suggestions = await outreach.suggestions(req.user!, c);
    if (page === 'check') {
      const parse = outreach.parse;
      data.missing = outreach.missing(c);
      data.answers = {
        seen: labelsOf(SEEN, parse(c.seen)),
        needs: labelsOf(NEEDS, parse(c.needs)),
        offered: labelsOf(SUPPORT, parse(c.support_offered)),
        accepted: labelsOf(SUPPORT, parse(c.support_accepted)),
        signposted: labelsOf(SIGNPOSTING, parse(c.signposted)),
        indicators: labelsOf(SLAVERY_INDICATORS, parse(c.slavery_indicators)),
      };
      if (c.person_choice === 'known' && c.person_id)
        data.knownName = (await outreach.people.names(req.user!.partnershipId, [c.person_id])).get(
          c.person_id,
        );
    }
    const titles: Record<PageName, string> = {
      where: 'Where and when was the contact?',
      person: 'Who did you speak to?',
      match: 'Is this someone already known?',
      needs: 'Needs and support',
      welfare: 'Welfare and safeguarding',
      check: 'Check the contact before you save it',
    };
    if (extra.errors && Object.keys(extra.errors).length) reply.code(400);
    return reply.render(`operations/contact-${page}.njk`, { title: titles[page], ...data });
  };

  /** After a page is saved: the next page, or back to check answers when changing an answer. */
  const next = (req: FastifyRequest, reply: FastifyReply, to: PageName) =>
    reply.redirect(
      `/operations/contacts/${idOf(req)}/${(req.query as Body)?.change === '1' && to !== 'match' ? 'check' : to}`,
      303,
    );

  app.post('/operations/contacts', { config: RECORD }, async (req, reply) => {
    const id = await outreach.start(req.user!);
    return reply.redirect(`/operations/contacts/${id}/where`, 303);
  });

  for (const page of PAGES)
    app.get(`/operations/contacts/:id/${page}`, { config: RECORD }, (req, reply) => show(req, reply, page));

  app.post('/operations/contacts/:id/where', { config: RECORD }, async (req, reply) => {
    const body = req.body as Body;
    const errors = await outreach.saveWhere(req.user!, idOf(req), body);
    if (Object.keys(errors).length) return show(req, reply, 'where', { values: body, errors });
    return next(req, reply, 'person');
  });

  app.post('/operations/contacts/:id/person', { config: RECORD }, async (req, reply) => {
    const body = req.body as Body;
    const { errors, suggestions } = await outreach.savePerson(req.user!, idOf(req), body);
    if (Object.keys(errors).length) return show(req, reply, 'person', { values: body, errors });
    if (suggestions.length) {
      const q = (req.query as Body)?.change === '1' ? '?change=1' : '';
      return reply.redirect(`/operations/contacts/${idOf(req)}/match${q}`, 303);
    }
    await outreach.saveMatch(req.user!, idOf(req), { match: 'new' });
    return next(req, reply, 'needs');
  });

  app.post('/operations/contacts/:id/match', { config: RECORD }, async (req, reply) => {
    const body = req.body as Body;
    const errors = await outreach.saveMatch(req.user!, idOf(req), body);
    if (Object.keys(errors).length) return show(req, reply, 'match', { values: body, errors });
    return next(req, reply, 'needs');
  });

  app.post('/operations/contacts/:id/needs', { config: RECORD }, async (req, reply) => {
    const body = req.body as Body;
    const errors = await outreach.saveNeeds(req.user!, idOf(req), body);
    if (Object.keys(errors).length) return show(req, reply, 'needs', { values: body, errors });
    return next(req, reply, 'welfare');
  });

  app.post('/operations/contacts/:id/welfare', { config: RECORD }, async (req, reply) => {
    const body = req.body as Body;
    const errors = await outreach.saveWelfare(req.user!, idOf(req), body);
    if (Object.keys(errors).length) return show(req, reply, 'welfare', { values: body, errors });
    return next(req, reply, 'check');
  });

  app.post('/operations/contacts/:id/submit', { config: RECORD }, async (req, reply) => {
    const { errors, personId } = await outreach.submit(req.user!, idOf(req), meta(req));
    if (Object.keys(errors).length) return show(req, reply, 'check', { errors });
    await req.flash('success', 'Contact recorded');
    return reply.redirect(`/operations/people/${personId}`, 303);
  });

  app.get('/operations/contacts/:id', { config: READ }, async (req, reply) => {
    const v = await outreach.view(req.user!, idOf(req), meta(req));
    const c = v.contact;
    const parse = outreach.parse;
    return reply.render('operations/contact.njk', {
      title: `Contact with ${v.personName ?? 'a person'}`,
      ...v,
      answers: {
        seen: labelsOf(SEEN, parse(c.seen)),
        needs: labelsOf(NEEDS, parse(c.needs)),
        offered: labelsOf(SUPPORT, parse(c.support_offered)),
        accepted: labelsOf(SUPPORT, parse(c.support_accepted)),
        signposted: labelsOf(SIGNPOSTING, parse(c.signposted)),
        indicators: labelsOf(SLAVERY_INDICATORS, parse(c.slavery_indicators)),
      },
    });
  });
}
