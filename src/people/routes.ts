import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { AppDeps } from '../platform/module.js';
import type { AuditService } from '../platform/audit/service.js';
import { parseForm } from '../platform/web/forms.js';
import { forbidden } from '../platform/web/errors.js';
import { londonTime } from '../platform/web/views.js';
import type { PeopleServices } from './services.js';
import { repeatSettingsSchema } from './settings.js';
import { FLAG_LABELS, type RepeatFlag } from './repeats.js';

const FIELDS: [string, string][] = [
  ['given_name', 'Given name'],
  ['surname', 'Surname'],
  ['dob', 'Date of birth'],
  ['phone', 'Phone'],
  ['email', 'Email'],
  ['address', 'Address'],
  ['postcode', 'Postcode'],
  ['role', 'Role'],
  ['source_type', 'Source'],
  ['created_at', 'Recorded'],
];

/** The meeting lists: which flag, a title and the meeting it is for. */
const LISTS: Record<string, { flag: RepeatFlag; title: string; meeting: string }> = {
  'repeat-victim': { flag: 'repeat-victim', title: 'Repeat victims', meeting: 'City Community MARAC' },
  'repeat-complainant': {
    flag: 'repeat-complainant',
    title: 'Repeat complainants',
    meeting: 'City Community MARAC',
  },
  'repeat-perpetrator': {
    flag: 'repeat-perpetrator',
    title: 'Repeat perpetrators',
    meeting: 'multi-agency tasking',
  },
  'repeat-location': { flag: 'repeat-location', title: 'Repeat locations', meeting: 'multi-agency tasking' },
};

const RUN_STATUS: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  finished: 'Finished',
  failed: 'Failed',
};

/** A spreadsheet must not run what a name says: cells starting with = + - @ are quoted. */
const safeCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

export function registerPeopleRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { people: PeopleServices; platform: { audit: AuditService } },
): void {
  const { review, info, people, relink } = services.people;
  const meta = (r: { ip: string; id: string }) => ({ ip: r.ip, requestId: r.id });
  const audit = () => services.platform.audit;

  /** The flagged people for a list (all, or one flag), with how many open cases each is a party to. */
  const repeatRows = async (req: FastifyRequest) => {
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const list = q.flag ? LISTS[q.flag] : undefined;
    const pid = req.user!.partnershipId;
    const settings = await people.settings.thresholds(pid);
    const rows = await people.repeats(pid, { settings, flag: list?.flag });
    // Need-to-know: people the user has no link to are counted, not named.
    const linked = [];
    for (const r of rows) if ((await info.needToKnow(req.user!, r.personId)).linked) linked.push(r);
    const withCases = await Promise.all(
      linked.map(async (r) => ({
        ...r,
        openCases: (await info.casesForPerson(pid, r.personId)).filter((c) => c.status !== 'closed').length,
      })),
    );
    return { list, rows: withCases, settings, notShown: rows.length - linked.length };
  };

  app.get('/people/repeats', { config: { access: 'people.read' } }, async (req, reply) => {
    const { list, rows, settings, notShown } = await repeatRows(req);
    return reply.render('people/repeats.njk', {
      notShown,
      title: list ? `${list.title} for the ${list.meeting}` : 'Repeats',
      list,
      lists: Object.entries(LISTS).map(([key, l]) => ({ key, ...l })),
      rows,
      labels: FLAG_LABELS,
      settings,
      printedAt: londonTime(deps.clock.iso(), 'd MMMM yyyy HH:mm'),
    });
  });

  app.get('/people/repeats.csv', { config: { access: 'people.read' } }, async (req, reply) => {
    const { list, rows, settings } = await repeatRows(req);
    await audit().record({
      partnershipId: req.user!.partnershipId,
      userId: req.user!.id,
      userLabel: req.user!.name,
      action: 'people.repeats-exported',
      subjectType: 'persons',
      details: { flag: list?.flag ?? null, rows: rows.length },
      ...meta(req),
    });
    const csv = stringify([
      [
        'person',
        'flags',
        `reports_and_cases_in_${settings.windowDays}_days`,
        'latest_record',
        'open_cases',
        'person_page',
      ],
      ...rows.map((r) => [
        safeCell(r.name),
        r.flags.map((f) => FLAG_LABELS[f]).join('; '),
        r.sources,
        londonTime(r.lastAt, 'yyyy-MM-dd HH:mm'),
        r.openCases,
        `${deps.config.baseUrl}/people/${r.personId}`,
      ]),
    ]);
    const name = list ? `${list.flag}s` : 'repeats';
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}-${deps.clock.iso().slice(0, 10)}.csv"`)
      .send(csv);
  });

  // Administration: re-link and thresholds (before /people/:id so the words are not taken for ids).
  const adminPage = async (req: FastifyRequest) => {
    const pid = req.user!.partnershipId;
    const [runs, settings, counts] = await Promise.all([
      relink.runs(pid),
      people.settings.get(pid),
      deps.db
        .selectFrom('person_records')
        .select((eb) => [
          eb.fn.countAll<number>().as('records'),
          eb.fn.count<number>('person_id').distinct().as('persons'),
        ])
        .where('partnership_id', '=', pid)
        .executeTakeFirstOrThrow(),
    ]);
    const pending = (await review.pendingGroups(pid)).length;
    return {
      title: 'People: re-linking and repeat thresholds',
      runs,
      active: runs.find((r) => r.status === 'queued' || r.status === 'running') ?? null,
      settings,
      records: Number(counts.records),
      persons: Number(counts.persons),
      pending,
      statusLabels: RUN_STATUS,
    };
  };

  app.get('/people/admin', { config: { access: 'settings.manage' } }, async (req, reply) =>
    reply.render('people/admin.njk', await adminPage(req)),
  );

  app.post('/people/admin/relink', { config: { access: 'settings.manage' } }, async (req, reply) => {
    const r = await relink.request(req.user!, meta(req));
    await req.flash(
      'success',
      r.existing ? 'A re-link is already queued or running' : 'Re-link queued: this page shows its progress',
    );
    return reply.redirect('/people/admin');
  });

  const settingsPage = async (
    req: FastifyRequest,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const current = await people.settings.get(req.user!.partnershipId);
    return {
      title: 'Repeat flag thresholds',
      values: values ?? {
        minReports: String(current.minReports),
        windowDays: String(current.windowDays),
        radiusMetres: String(current.radiusMetres),
      },
      errors,
      current,
    };
  };

  app.get('/people/settings', { config: { access: 'settings.manage' } }, async (req, reply) =>
    reply.render('people/settings.njk', await settingsPage(req)),
  );

  app.post('/people/settings', { config: { access: 'settings.manage' } }, async (req, reply) => {
    const form = parseForm(repeatSettingsSchema, req.body);
    if (!form.ok)
      return reply.code(400).render('people/settings.njk', await settingsPage(req, form.values, form.errors));
    await people.settings.save(req.user!, form.value!, meta(req));
    await req.flash('success', 'Repeat flag thresholds saved: flags use them from now on');
    return reply.redirect('/people/admin');
  });

  app.get('/people/review', { config: { access: 'people.review' } }, async (req, reply) => {
    const pageNo = Number((req.query as Record<string, unknown>).page ?? 1);
    const queue = await review.queue(req.user!, Number.isInteger(pageNo) ? pageNo : 1, meta(req));
    const href = (n: number) => `/people/review?page=${n}`;
    // After a decision: the person it left, with their flags now.
    const decided = String((req.query as Record<string, unknown>).person ?? '');
    const [person] = /^[0-9a-f-]{36}$/i.test(decided)
      ? await info.flagPanel(req.user!.partnershipId, [{ personId: decided }])
      : [];
    return reply.render('people/review.njk', {
      title: 'Possible matches',
      ...queue,
      fields: FIELDS,
      decided: person ?? null,
      labels: FLAG_LABELS,
      pagination: {
        previous: queue.page > 1 ? { href: href(queue.page - 1) } : undefined,
        next: queue.page < queue.pages ? { href: href(queue.page + 1) } : undefined,
        items: queue.pages > 1 ? paginationItems(queue.page, queue.pages, href) : [],
      },
    });
  });

  app.post('/people/review/:id', { config: { access: 'people.review' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    // Merging or keeping apart needs a link to both persons (need-to-know).
    for (const personId of await review.matchPersons(
      req.user!.partnershipId,
      (req.params as { id: string }).id,
    ))
      if (!(await info.needToKnow(req.user!, personId)).linked) throw forbidden();
    const decision =
      body.decision === 'confirm' ? 'confirmed' : body.decision === 'reject' ? 'rejected' : null;
    if (!decision) {
      await req.flash('success', 'Choose confirm or reject');
      return reply.redirect('/people/review');
    }
    const { personId } = await review.decide(
      req.user!,
      (req.params as { id: string }).id,
      decision,
      meta(req),
    );
    await req.flash(
      'success',
      decision === 'confirmed'
        ? 'Match confirmed: the records are now one person'
        : 'Match rejected: the records stay apart',
    );
    return reply.redirect(`/people/review?person=${encodeURIComponent(personId)}`);
  });

  app.get('/people/:id', { config: { access: 'people.read' } }, async (req, reply) => {
    const reason = String((req.query as Record<string, unknown>).reason ?? '').slice(0, 500);
    const view = await info.personPage(req.user!, (req.params as { id: string }).id, {
      ...meta(req),
      reason,
    });
    if ('redirect' in view) return reply.redirect(`/people/${view.redirect}`);
    if ('refusedHolders' in view)
      return reply.code(403).render('people/person-withheld.njk', {
        title: 'You cannot see this person',
        holders: view.refusedHolders,
      });
    if ('needsReason' in view)
      return reply.render('people/person-reason.njk', {
        title: 'Why do you need to see this person?',
        personId: view.needsReason,
        errors: 'reason' in (req.query as object) ? { reason: 'Enter why you need to see this person' } : {},
      });
    return reply.render('people/person.njk', {
      title: view.person.display_name,
      ...view,
      labels: FLAG_LABELS,
    });
  });
}

/** GOV.UK pagination items: first, last and the pages around the current one, with ellipses between. */
function paginationItems(page: number, pages: number, href: (n: number) => string) {
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 1)
      items.push({ number: n, href: href(n), current: n === page });
    else if (!items.at(-1)?.ellipsis) items.push({ ellipsis: true });
  }
  return items;
}
