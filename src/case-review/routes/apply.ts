/** The public application: one question per page, answers in the session, works without JavaScript. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseReviewService } from '../service.js';
import {
  checkContact,
  checkProblem,
  checkReported,
  checkVictim,
  checkVictimType,
  checkWho,
  DESCRIPTION_MAX,
} from '../schemas.js';
import {
  backUrl,
  canVisit,
  firstMissing,
  nextUrl,
  resetDependents,
  stepUrl,
  toApplication,
  type ApplyAnswers,
  type Step,
} from '../journey.js';
import { answerRows } from '../summary.js';
import {
  APPLICANT_KINDS,
  CONTACT_METHODS,
  SUPPORT_NEEDS,
  VICTIM_TYPES,
  AGENCIES,
  itemsOf,
} from '../labels.js';
import { discardPending, MAX_FILE_BYTES, readUpload } from '../consent-files.js';
import { body, page, PUBLIC, str } from './helpers.js';
import { formatLongDate } from '../../platform/dates/calendar-date.js';

const KEY = 'caseReviewApplication';
const CONFIRM_KEY = 'caseReviewConfirmation';
const pageLimit = { max: 60, timeWindow: '1 minute' };
const submitLimit = { max: 10, timeWindow: '1 minute' };

const TITLES: Record<Step, (a: ApplyAnswers) => string> = {
  who: () => 'Are you the victim of the anti-social behaviour?',
  'victim-type': (a) =>
    a.applicantKind === 'on-behalf'
      ? 'Who is affected by the anti-social behaviour?'
      : 'Are you applying as a person, a business or a community group?',
  victim: (a) => (a.applicantKind === 'on-behalf' ? 'Details of the victim' : 'Your details'),
  consent: () => 'The victim’s written consent',
  what: () => 'What has been happening?',
  reported: () => 'Who have you reported it to?',
  contact: () => 'How should we contact you?',
};

export function registerApplyRoutes(app: FastifyInstance, s: CaseReviewService): void {
  const answers = async (req: FastifyRequest): Promise<ApplyAnswers> => {
    const session = await req.ensureSession();
    return (session.data[KEY] ??= {}) as ApplyAnswers;
  };
  const save = async (req: FastifyRequest, a: ApplyAnswers) => {
    const session = await req.ensureSession();
    session.data[KEY] = a;
    await req.saveSession();
  };
  const changing = (req: FastifyRequest) => (req.query as Record<string, string>).change === '1';
  const guard = async (req: FastifyRequest, reply: FastifyReply, step: Step) => {
    const a = await answers(req);
    if (!canVisit(a, step)) {
      reply.redirect(stepUrl(firstMissing(a) ?? 'who'));
      return null;
    }
    if (step === 'consent' && a.applicantKind !== 'on-behalf') {
      reply.redirect(stepUrl('what'));
      return null;
    }
    return a;
  };
  const render = (
    req: FastifyRequest,
    reply: FastifyReply,
    a: ApplyAnswers,
    step: Step,
    ctx: Record<string, unknown>,
    status = 200,
  ) =>
    page(
      reply,
      `apply/${step}`,
      {
        title: TITLES[step](a),
        back: backUrl(a, step),
        action: `${stepUrl(step)}${changing(req) ? '?change=1' : ''}`,
        a,
        values: a.typed?.[step] ?? {},
        ...ctx,
      },
      status,
    );
  const keep = (a: ApplyAnswers, step: Step, typed: Record<string, unknown>) => {
    delete typed._csrf;
    a.typed = { ...a.typed, [step]: typed };
  };

  app.get('/case-review/apply', { config: PUBLIC }, async (req, reply) => {
    const a = await answers(req);
    return render(req, reply, a, 'who', { items: itemsOf(APPLICANT_KINDS) });
  });
  app.post('/case-review/apply', { config: { ...PUBLIC, rateLimit: pageLimit } }, async (req, reply) => {
    const a = await answers(req);
    const b = body(req);
    const r = checkWho(b);
    if (!r.ok)
      return render(
        req,
        reply,
        a,
        'who',
        { items: itemsOf(APPLICANT_KINDS), values: b, errors: r.errors },
        400,
      );
    if (a.applicantKind && a.applicantKind !== r.value) {
      a.applicantKind = r.value!;
      resetDependents(a, 'who');
    }
    a.applicantKind = r.value!;
    keep(a, 'who', b);
    await save(req, a);
    return reply.redirect(nextUrl(a, 'who', changing(req)));
  });

  const simple = (
    step: 'victim-type' | 'victim' | 'what' | 'reported' | 'contact',
    extra: (a: ApplyAnswers) => Record<string, unknown>,
    check: (
      a: ApplyAnswers,
      b: Record<string, unknown>,
    ) => { ok: boolean; errors: Record<string, string>; store: () => void },
  ) => {
    app.get(stepUrl(step), { config: PUBLIC }, async (req, reply) => {
      const a = await guard(req, reply, step);
      if (!a) return reply;
      return render(req, reply, a, step, extra(a));
    });
    app.post(stepUrl(step), { config: { ...PUBLIC, rateLimit: pageLimit } }, async (req, reply) => {
      const a = await guard(req, reply, step);
      if (!a) return reply;
      const b = body(req);
      const r = check(a, b);
      if (!r.ok) return render(req, reply, a, step, { ...extra(a), values: b, errors: r.errors }, 400);
      r.store();
      keep(a, step, b);
      await save(req, a);
      return reply.redirect(nextUrl(a, step, changing(req)));
    });
  };

  simple(
    'victim-type',
    () => ({ items: itemsOf(VICTIM_TYPES) }),
    (a, b) => {
      const r = checkVictimType(b);
      return {
        ...r,
        store: () => {
          if (a.victimType && a.victimType !== r.value) resetDependents(a, 'victim-type');
          a.victimType = r.value!;
        },
      };
    },
  );
  simple(
    'victim',
    () => ({}),
    (a, b) => {
      const r = checkVictim(b, a.applicantKind!, a.victimType!);
      return { ...r, store: () => void (a.victim = r.value!) };
    },
  );
  simple(
    'what',
    () => ({ maxLength: DESCRIPTION_MAX }),
    (a, b) => {
      const r = checkProblem(b, s.ctx.today());
      return { ...r, store: () => void (a.problem = r.value!) };
    },
  );
  simple(
    'reported',
    () => ({ agencies: itemsOf(AGENCIES) }),
    (a, b) => {
      const r = checkReported(b, s.ctx.today(), a.problem?.startedMonth ?? null);
      return { ...r, store: () => void (a.reported = r.value!) };
    },
  );
  simple(
    'contact',
    () => ({ methods: itemsOf(CONTACT_METHODS), needs: itemsOf(SUPPORT_NEEDS) }),
    (a, b) => {
      const r = checkContact(b, a.applicantKind!);
      return { ...r, store: () => void (a.contact = r.value!) };
    },
  );

  // ---- consent: upload the signed consent now, or send it later (the application is held until then)
  app.get('/case-review/apply/consent', { config: PUBLIC }, async (req, reply) => {
    const a = await guard(req, reply, 'consent');
    if (!a) return reply;
    return render(req, reply, a, 'consent', {
      values: { consentMethod: a.consent?.method === 'uploaded' ? 'upload' : a.consent?.method },
      file: a.consent?.file,
    });
  });
  app.post(
    '/case-review/apply/consent',
    { config: { ...PUBLIC, rateLimit: pageLimit } },
    async (req, reply) => {
      const a = await guard(req, reply, 'consent');
      if (!a) return reply;
      const upload = req.isMultipart()
        ? await readUpload(
            req.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } }),
            s.deps.config.uploadDir,
            'consentFile',
          )
        : {
            fields: Object.fromEntries(Object.entries(body(req)).map(([k, v]) => [k, String(v)])),
            file: null,
            error: null,
          };
      const method = str(upload.fields, 'consentMethod');
      const errors: Record<string, string> = {};
      if (method !== 'upload' && method !== 'later')
        errors.consentMethod = 'Select whether you can upload the victim’s written consent now';
      else if (upload.error) errors.consentFile = upload.error;
      else if (method === 'upload' && !upload.file && !a.consent?.file)
        errors.consentFile = 'Select the victim’s signed consent';
      if (Object.keys(errors).length) {
        return render(
          req,
          reply,
          a,
          'consent',
          { values: upload.fields, errors, file: a.consent?.file },
          400,
        );
      }
      if (method === 'upload') {
        if (upload.file && a.consent?.file) await discardPending(s.deps.config.uploadDir, a.consent.file);
        a.consent = { method: 'uploaded', file: upload.file ?? a.consent!.file };
      } else {
        if (upload.file) await discardPending(s.deps.config.uploadDir, upload.file);
        if (a.consent?.file) await discardPending(s.deps.config.uploadDir, a.consent.file);
        a.consent = { method: 'later' };
      }
      await save(req, a);
      return reply.redirect(nextUrl(a, 'consent', changing(req)));
    },
  );

  // ---- check and send
  app.get('/case-review/apply/check', { config: PUBLIC }, async (req, reply) => {
    const a = await answers(req);
    const missing = firstMissing(a);
    if (missing) return reply.redirect(stepUrl(missing));
    return page(reply, 'apply/check', {
      title: 'Check your answers before sending your application',
      rows: answerRows(a),
      back: backUrl(a, 'check'),
      a,
    });
  });
  app.post(
    '/case-review/apply/check',
    { config: { ...PUBLIC, rateLimit: submitLimit } },
    async (req, reply) => {
      const a = await answers(req);
      const missing = firstMissing(a);
      if (missing) return reply.redirect(stepUrl(missing));
      const created = await s.submit(req.partnershipId, toApplication(a, s.ctx.today()), null, {
        ip: req.ip,
        requestId: req.id,
      });
      const session = await req.ensureSession();
      delete session.data[KEY];
      session.data[CONFIRM_KEY] = created;
      await req.saveSession();
      return reply.redirect('/case-review/apply/confirmation', 303);
    },
  );
  app.get('/case-review/apply/confirmation', { config: PUBLIC }, async (req, reply) => {
    const c = req.session?.data[CONFIRM_KEY];
    if (!c) return reply.redirect('/case-review');
    const settings = await s.settings(req.partnershipId);
    return page(reply, 'apply/confirmation', {
      title: 'Application sent',
      c,
      procedure: settings.procedure,
      acknowledgeByText: c.acknowledgeBy ? formatLongDate(c.acknowledgeBy) : null,
      decisionByText: c.decisionBy ? formatLongDate(c.decisionBy) : null,
    });
  });
}
