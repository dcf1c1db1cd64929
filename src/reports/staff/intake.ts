import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TZDate } from '@date-fns/tz';
import type { AppDeps } from '../../platform/module.js';
import { parseForm } from '../../platform/web/forms.js';
import { londonTime } from '../../platform/web/views.js';
import { ReportInputError, REPORTER_KINDS } from '../service.js';
import { intakeSchema, parseUkDateTime, DESCRIPTION_MAX } from '../schemas.js';
import { locate } from '../geo/locate.js';
import { placeNames } from '../geo/gazetteer.js';
import { OUTSIDE_MESSAGE } from '../journey/routes.js';
import { can } from '../../platform/permissions/roles.js';
import { PersonInfoService } from '../../people/person-info.js';
import { FLAG_LABELS } from '../../people/repeats.js';
import type { ReportServices } from '../services.js';

const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Telephone intake: one keyboard-friendly page. As the handler types a phone number, email, name or
 * place, earlier contacts and open reports for that person and place appear beside the form
 * (fetched as the handler types when JavaScript runs; with the "Look up history" button otherwise).
 */
export function registerIntakeRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  s: ReportServices,
  people: PersonInfoService,
): void {
  const { reports } = s;
  const access = { access: 'reports.intake' } as const;

  /** Earlier contacts at the place (reports) and of the caller: people found by the linkage model, with repeat flags and open cases. */
  const lookup = async (req: FastifyRequest, v: Record<string, unknown>) => {
    const base = await reports.intakeLookup(
      req.user!,
      {
        phone: str(v.phone),
        email: str(v.email),
        surname: str(v.surname),
        postcode: undefined,
        location: str(v.location),
      },
      meta(req),
    );
    if (!base.searched.some((k) => k !== 'location')) return base;
    const found = await people.intakePeople(req.user!, {
      givenName: str(v.givenName),
      surname: str(v.surname),
      phone: str(v.phone),
      email: str(v.email),
    });
    return { ...base, people: found };
  };
  const peopleView = (req: FastifyRequest) => ({
    flagLabels: FLAG_LABELS,
    canOpenPeople: can(req.user!.role, 'people.read'),
  });

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    opts: { errors?: Record<string, string>; history?: unknown } = {},
  ) => {
    const ref = await reports.referenceData(req.user!.partnershipId);
    return reply.code(opts.errors ? 400 : 200).render('reports/intake.njk', {
      title: 'Take a call',
      values,
      errors: opts.errors,
      history: opts.history ?? null,
      ...peopleView(req),
      categories: ref.categories.filter((c) => c.active).map((c) => ({ value: c.code, text: c.name })),
      categoryNames: Object.fromEntries(ref.categories.map((c) => [c.code, c.name])),
      contexts: ref.contexts.map((c) => ({ value: c.code, text: c.label })),
      kinds: Object.entries(REPORTER_KINDS).map(([value, text]) => ({ value, text })),
      places: placeNames(),
      maxLength: DESCRIPTION_MAX,
      saved: /^ASB-\d{4}-\d{6}$/.test(String((req.query as Record<string, unknown>).saved ?? ''))
        ? (req.query as Record<string, string>).saved
        : null,
    });
  };

  const defaults = () => ({
    channel: 'phone',
    reporterKind: 'victim',
    contact: 'phone',
    when: 'at',
    occurredAt: londonTime(deps.clock.iso(), 'dd/MM/yyyy HH:mm'),
  });

  app.get('/intake', { config: access }, async (req, reply) => page(req, reply, defaults()));

  app.post('/intake/lookup', { config: access }, async (req, reply) => {
    const values = { ...((req.body as Record<string, unknown>) ?? {}) };
    delete values._csrf;
    return page(req, reply, values, { history: await lookup(req, values) });
  });

  app.get('/intake/history', { config: access }, async (req, reply) => {
    const history = await lookup(req, req.query as Record<string, unknown>);
    const ref = await reports.referenceData(req.user!.partnershipId);
    return reply.render('reports/intake-history.njk', {
      history,
      categoryNames: Object.fromEntries(ref.categories.map((c) => [c.code, c.name])),
      ...peopleView(req),
    });
  });

  app.post('/intake', { config: access }, async (req, reply) => {
    const form = parseForm(intakeSchema, req.body);
    const errors = { ...form.errors };
    const v = form.value;
    let located: ReturnType<typeof locate> | null = null;
    const typedLocation = str(form.values.location)?.trim();
    if (typedLocation) {
      located = locate({ text: typedLocation });
      if (located.status === 'outside')
        errors.location = `${OUTSIDE_MESSAGE} Pass the caller to the Metropolitan Police on 101.`;
      else if (located.status !== 'found')
        errors.location =
          'Enter a street, landmark or postcode in the City of London, such as Cheapside or EC2V 6DN';
    }
    let occurredAt: string | null = null;
    const typedWhen = str(form.values.occurredAt)?.trim();
    if (form.values.when === 'at' && typedWhen) {
      const p = parseUkDateTime(typedWhen);
      if (!p) errors.occurredAt = 'Enter the date and time like 28/11/2026 21:30';
      else {
        occurredAt = new Date(
          new TZDate(p.y, p.m - 1, p.d, p.hh, p.mm, 0, 0, 'Europe/London').getTime(),
        ).toISOString();
        if (occurredAt > new Date(deps.clock.now().getTime() + 5 * 60_000).toISOString())
          errors.occurredAt = 'The date and time must be in the past';
      }
    }
    if (Object.keys(errors).length || !v || !located || located.status !== 'found') {
      return page(req, reply, form.values, { errors, history: await lookup(req, form.values) });
    }
    try {
      const created = await reports.create(
        req.user!.partnershipId,
        {
          channel: v.channel,
          categoryCode: v.category,
          hateIncident: v.hate,
          description: v.description,
          location: {
            text: v.location ?? null,
            postcode: located.postcode,
            lat: located.lat,
            lng: located.lng,
            precision: located.precision,
            contexts: [...new Set([...located.contexts, ...v.contexts])],
          },
          occurred: { kind: v.when, at: occurredAt, note: null },
          reporter: {
            kind: v.reporterKind,
            anonymous: v.anonymous,
            givenName: v.givenName ?? null,
            surname: v.surname ?? null,
            email: v.email ?? null,
            phone: v.phone ?? null,
            address: v.address ?? null,
            postcode: located.postcode,
            contactPreference: v.contact,
          },
        },
        { kind: 'user', user: req.user! },
        meta(req),
      );
      await req.flash(
        'success',
        `Report ${created.reference} saved and sent to ${created.teams.map((t) => t.name).join(', ')}.`,
      );
      return reply.redirect(`/intake?saved=${encodeURIComponent(created.reference)}`);
    } catch (err) {
      if (err instanceof ReportInputError) return page(req, reply, form.values, { errors: err.fields });
      throw err;
    }
  });
}
