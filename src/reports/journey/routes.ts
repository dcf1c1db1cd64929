import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { parseForm } from '../../platform/web/forms.js';
import { REPORTER_KINDS, ReportInputError } from '../service.js';
import {
  aboutSchema,
  detailsSchema,
  DESCRIPTION_MAX,
  whatSchema,
  whenSchema,
  whereSchema,
} from '../schemas.js';
import { locate } from '../geo/locate.js';
import { cityBoundary } from '../geo/boundary.js';
import { placeNames } from '../geo/gazetteer.js';
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  discardPending,
  savePending,
  preparePhoto,
  sniffImage,
  type PendingPhoto,
} from '../photos.js';
import {
  canVisit,
  firstMissing,
  londonToIso,
  nextStep,
  toNewReport,
  type JourneyAnswers,
  type Step,
} from './state.js';
import { summaryRows } from './summary.js';
import { londonTime } from '../../platform/web/views.js';
import type { ReportServices } from '../services.js';

const KEY = 'reportJourney';
const CONFIRM_KEY = 'reportConfirmation';
const pageLimit = { max: 60, timeWindow: '1 minute' };
const submitLimit = { max: 20, timeWindow: '1 minute' };

export const OUTSIDE_MESSAGE =
  'This place is outside the City of London. Report it to the council for that area, or call the Metropolitan Police on 101 (in an emergency call 999).';

/** The public reporting journey: one question per page, answers kept in the session, no JavaScript needed. */
export function registerJourneyRoutes(app: FastifyInstance, deps: AppDeps, s: ReportServices): void {
  const { reports } = s;
  const pub = { access: 'public' } as const;

  const answers = async (req: FastifyRequest): Promise<JourneyAnswers> => {
    const s = await req.ensureSession();
    return (s.data[KEY] ??= {}) as JourneyAnswers;
  };
  const save = async (req: FastifyRequest, a: JourneyAnswers) => {
    const s = await req.ensureSession();
    s.data[KEY] = a;
    await req.saveSession();
  };
  const changing = (req: FastifyRequest) => (req.query as Record<string, string>).change === '1';
  const guard = async (req: FastifyRequest, reply: FastifyReply, step: Step) => {
    const a = await answers(req);
    if (!canVisit(a, step)) {
      reply.redirect(`/report/${firstMissing(a)}`);
      return null;
    }
    return a;
  };
  const backOf = (step: Step) =>
    ({
      what: '/report',
      where: '/report/what',
      when: '/report/where',
      details: '/report/when',
      photos: '/report/details',
      about: '/report/photos',
    })[step];
  const render = (reply: FastifyReply, step: Step, ctx: Record<string, unknown>, status = 200) =>
    reply.code(status).render(`reports/journey/${step}.njk`, { back: backOf(step), ...ctx });

  app.get('/report', { config: pub }, async (_req, reply) =>
    reply.render('reports/journey/start.njk', { title: 'Report anti-social behaviour' }),
  );

  app.get('/report/boundary.geojson', { config: pub }, async (_req, reply) =>
    reply.type('application/geo+json').send(cityBoundary().geojson),
  );

  // ---- what happened
  const categoryItems = async (partnershipId: string) =>
    (await reports.referenceData(partnershipId)).categories
      .filter((c) => c.active)
      .map((c) => ({ value: c.code, text: c.public_name, hint: { text: c.public_description } }));

  app.get('/report/what', { config: pub }, async (req, reply) => {
    const a = await answers(req);
    return render(reply, 'what', {
      title: 'What do you want to report?',
      values: { category: a.category, hate: a.hate },
      categories: await categoryItems(req.partnershipId),
      change: changing(req),
    });
  });
  app.post('/report/what', { config: { ...pub, rateLimit: pageLimit } }, async (req, reply) => {
    const form = parseForm(whatSchema, req.body);
    const ref = await reports.referenceData(req.partnershipId);
    const errors = { ...form.errors };
    if (form.ok && !ref.category.get(form.value!.category)?.active)
      errors.category = 'Select what happened from the list';
    if (Object.keys(errors).length) {
      return render(
        reply,
        'what',
        {
          title: 'What do you want to report?',
          values: form.values,
          errors,
          categories: await categoryItems(req.partnershipId),
          change: changing(req),
        },
        400,
      );
    }
    const a = await answers(req);
    a.category = form.value!.category;
    a.hate = form.value!.hate;
    await save(req, a);
    return reply.redirect(nextStep(a, 'what', changing(req)));
  });

  // ---- where
  const contextItems = async (partnershipId: string) =>
    (await reports.referenceData(partnershipId)).contexts
      .filter((c) => c.ask_public)
      .map((c) => ({ value: c.code, text: c.label }));
  const whereCtx = async (
    req: FastifyRequest,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
    outside = false,
  ) => ({
    title: 'Where did it happen?',
    values,
    errors,
    outside,
    contexts: await contextItems(req.partnershipId),
    places: placeNames(),
    mapTileUrl: deps.config.mapTileUrl,
    change: changing(req),
  });

  app.get('/report/where', { config: pub }, async (req, reply) => {
    const a = await guard(req, reply, 'where');
    if (!a) return reply;
    return render(reply, 'where', await whereCtx(req, a.where?.typed ?? {}));
  });
  app.post('/report/where', { config: { ...pub, rateLimit: pageLimit } }, async (req, reply) => {
    const a = await guard(req, reply, 'where');
    if (!a) return reply;
    const form = parseForm(whereSchema, req.body);
    if (!form.ok) return render(reply, 'where', await whereCtx(req, form.values, form.errors), 400);
    const v = form.value!;
    const found = locate({ text: v.location, lat: v.lat, lng: v.lng });
    if (found.status === 'missing') {
      return render(
        reply,
        'where',
        await whereCtx(req, form.values, {
          location: 'Enter a street, postcode or landmark, or put a pin on the map',
        }),
        400,
      );
    }
    if (found.status === 'unknown') {
      return render(
        reply,
        'where',
        await whereCtx(req, form.values, {
          location:
            'We could not find that place in the City of London. Enter a street such as Cheapside, a landmark such as Leadenhall Market, or a postcode starting with EC',
        }),
        400,
      );
    }
    if (found.status === 'outside')
      return render(
        reply,
        'where',
        await whereCtx(req, form.values, { location: OUTSIDE_MESSAGE }, true),
        400,
      );
    const known = new Set((await contextItems(req.partnershipId)).map((c) => c.value));
    a.where = {
      text: v.location ?? null,
      lat: found.lat,
      lng: found.lng,
      precision: found.precision,
      postcode: found.postcode,
      label: found.place?.name ?? found.label,
      contexts: found.contexts,
      chosenContexts: v.contexts.filter((c) => known.has(c)),
      typed: form.values,
    };
    await save(req, a);
    return reply.redirect(nextStep(a, 'where', changing(req)));
  });

  // ---- when
  app.get('/report/when', { config: pub }, async (req, reply) => {
    const a = await guard(req, reply, 'when');
    if (!a) return reply;
    return render(reply, 'when', {
      title: 'When did it happen?',
      values: a.when?.typed ?? {},
      change: changing(req),
    });
  });
  app.post('/report/when', { config: { ...pub, rateLimit: pageLimit } }, async (req, reply) => {
    const a = await guard(req, reply, 'when');
    if (!a) return reply;
    const form = parseForm(whenSchema, req.body);
    let at: string | null = null;
    const errors = { ...form.errors };
    if (form.ok && form.value!.when === 'at') {
      const v = form.value!;
      at = londonToIso(Number(v['date-day']), Number(v['date-month']), Number(v['date-year']), v.time);
      const now = deps.clock.now().getTime();
      const typedDay = `${v['date-year']}-${v['date-month']!.padStart(2, '0')}-${v['date-day']!.padStart(2, '0')}`;
      if (typedDay > londonTime(deps.clock.iso(), 'yyyy-MM-dd'))
        errors['date-day'] = 'The date it happened must be today or in the past';
      else if (new Date(at).getTime() > now + 5 * 60_000)
        errors.time = 'The time it happened must be in the past';
      else if (now - new Date(at).getTime() > 366 * 86_400_000) {
        errors['date-day'] =
          'The date it happened must be within the last year. For anything older, call 101';
      }
    }
    if (Object.keys(errors).length)
      return render(
        reply,
        'when',
        { title: 'When did it happen?', values: form.values, errors, change: changing(req) },
        400,
      );
    const v = form.value!;
    a.when = {
      kind: v.when,
      at,
      note: v.when === 'regular' ? (v.often ?? null) : v.when === 'at' && !v.time ? 'Time not given' : null,
      typed: form.values,
    };
    await save(req, a);
    return reply.redirect(nextStep(a, 'when', changing(req)));
  });

  // ---- details
  app.get('/report/details', { config: pub }, async (req, reply) => {
    const a = await guard(req, reply, 'details');
    if (!a) return reply;
    return render(reply, 'details', {
      title: 'Tell us what happened',
      values: { description: a.description },
      maxLength: DESCRIPTION_MAX,
      change: changing(req),
    });
  });
  app.post('/report/details', { config: { ...pub, rateLimit: pageLimit } }, async (req, reply) => {
    const a = await guard(req, reply, 'details');
    if (!a) return reply;
    const form = parseForm(detailsSchema, req.body);
    if (!form.ok)
      return render(
        reply,
        'details',
        {
          title: 'Tell us what happened',
          values: form.values,
          errors: form.errors,
          maxLength: DESCRIPTION_MAX,
          change: changing(req),
        },
        400,
      );
    a.description = form.value!.description;
    await save(req, a);
    return reply.redirect(nextStep(a, 'details', changing(req)));
  });

  // ---- photos (optional)
  const photosCtx = (a: JourneyAnswers, req: FastifyRequest, errors?: Record<string, string>) => ({
    title: 'Add photos (optional)',
    photos: a.photos ?? [],
    maxPhotos: MAX_PHOTOS,
    values: {},
    errors,
    change: changing(req),
  });
  app.get('/report/photos', { config: pub }, async (req, reply) => {
    const a = await guard(req, reply, 'photos');
    if (!a) return reply;
    return render(reply, 'photos', photosCtx(a, req));
  });
  app.post('/report/photos', { config: { ...pub, rateLimit: pageLimit } }, async (req, reply) => {
    const a = await guard(req, reply, 'photos');
    if (!a) return reply;
    a.photos ??= [];
    let action = 'upload';
    const added: PendingPhoto[] = [];
    let error: string | null = null;
    if (req.isMultipart()) {
      try {
        for await (const part of req.parts({ limits: { fileSize: MAX_PHOTO_BYTES, files: MAX_PHOTOS } })) {
          if (part.type === 'field') {
            if (part.fieldname === 'action') action = String(part.value);
            continue;
          }
          const buf = await part.toBuffer();
          if (!buf.length && !part.filename) continue;
          if (error) continue;
          if (!buf.length) {
            error = `The selected file ${part.filename} is empty`;
            continue;
          }
          const mime = sniffImage(buf);
          if (!mime) {
            error = `The selected file ${part.filename} must be a JPG, PNG or WebP photo`;
            continue;
          }
          if (a.photos.length + added.length >= MAX_PHOTOS) {
            error = `You can add up to ${MAX_PHOTOS} photos`;
            continue;
          }
          const prepared = await preparePhoto(buf, mime, part.filename, deps.config.clamdSocket);
          if (!prepared.ok) {
            if (prepared.infected) req.log.warn('uploaded photo refused by the virus check');
            error = prepared.error;
            continue;
          }
          added.push(
            await savePending(deps.config.uploadDir, prepared.data, mime, part.filename, prepared.scan),
          );
        }
      } catch (err: any) {
        if (err?.code === 'FST_REQ_FILE_TOO_LARGE' || err?.code === 'FST_FILES_LIMIT') {
          error =
            err.code === 'FST_FILES_LIMIT'
              ? `You can add up to ${MAX_PHOTOS} photos`
              : 'The selected file must be smaller than 5MB';
        } else throw err;
      }
    } else {
      action = String((req.body as Record<string, unknown>)?.action ?? 'continue');
    }
    if (error) {
      for (const p of added) await discardPending(deps.config.uploadDir, p);
      return render(reply, 'photos', photosCtx(a, req, { photos: error }), 400);
    }
    a.photos.push(...added);
    if (action === 'upload' && added.length === 0) {
      await save(req, a);
      return render(
        reply,
        'photos',
        photosCtx(a, req, { photos: 'Select a photo to upload, or continue without one' }),
        400,
      );
    }
    if (action === 'continue' || action === 'upload-continue') {
      a.photosDone = true;
      await save(req, a);
      return reply.redirect(nextStep(a, 'photos', changing(req)));
    }
    await save(req, a);
    return reply.redirect(`/report/photos${changing(req) ? '?change=1' : ''}`);
  });
  app.post('/report/photos/:id/remove', { config: { ...pub, rateLimit: pageLimit } }, async (req, reply) => {
    const a = await answers(req);
    const id = (req.params as { id: string }).id;
    const photo = a.photos?.find((p) => p.id === id);
    if (photo) {
      await discardPending(deps.config.uploadDir, photo);
      a.photos = a.photos!.filter((p) => p.id !== id);
      await save(req, a);
    }
    return reply.redirect('/report/photos');
  });

  // ---- about you
  const aboutCtx = (
    req: FastifyRequest,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => ({
    title: 'About you',
    values,
    errors,
    kinds: Object.entries(REPORTER_KINDS).map(([value, text]) => ({ value, text })),
    change: changing(req),
  });
  app.get('/report/about', { config: pub }, async (req, reply) => {
    const a = await guard(req, reply, 'about');
    if (!a) return reply;
    return render(reply, 'about', aboutCtx(req, a.about ?? {}));
  });
  app.post('/report/about', { config: { ...pub, rateLimit: pageLimit } }, async (req, reply) => {
    const a = await guard(req, reply, 'about');
    if (!a) return reply;
    const form = parseForm(aboutSchema, req.body);
    if (!form.ok) return render(reply, 'about', aboutCtx(req, form.values, form.errors), 400);
    const v = form.value!;
    a.about = v.identity === 'named' ? { ...v } : { reporterKind: v.reporterKind, identity: 'anonymous' };
    await save(req, a);
    return reply.redirect(nextStep(a, 'about', changing(req)));
  });

  // ---- check and send
  app.get('/report/check', { config: pub }, async (req, reply) => {
    const a = await answers(req);
    const missing = firstMissing(a);
    if (missing) return reply.redirect(`/report/${missing}`);
    const ref = await reports.referenceData(req.partnershipId);
    return reply.render('reports/journey/check.njk', {
      title: 'Check your answers before sending your report',
      rows: summaryRows(a, ref),
      back: '/report/about',
    });
  });
  app.post('/report/check', { config: { ...pub, rateLimit: submitLimit } }, async (req, reply) => {
    const a = await answers(req);
    const missing = firstMissing(a);
    if (missing) return reply.redirect(`/report/${missing}`);
    try {
      const created = await reports.create(
        req.partnershipId,
        toNewReport(a),
        { kind: 'public' },
        { ip: req.ip, requestId: req.id },
      );
      const s = await req.ensureSession();
      delete s.data[KEY];
      s.data[CONFIRM_KEY] = {
        reference: created.reference,
        teams: created.teams.map((t) => t.name),
        slaHours: created.slaHours,
        caseReviewPrompt: created.caseReviewPrompt,
        trackingCode: created.trackingCode,
        contact: a.about?.identity === 'named' ? a.about.contact : 'none',
        email: a.about?.identity === 'named' && a.about.contact === 'email' ? a.about.email : null,
      };
      await req.saveSession();
      return reply.redirect('/report/confirmation');
    } catch (err) {
      if (err instanceof ReportInputError) return reply.redirect('/report/what');
      throw err;
    }
  });
  app.get('/report/confirmation', { config: pub }, async (req, reply) => {
    const c = req.session?.data[CONFIRM_KEY];
    if (!c) return reply.redirect('/report');
    return reply.render('reports/journey/confirmation.njk', { title: 'Report sent', c });
  });
}
