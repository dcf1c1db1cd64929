/** Workflow moves done with a short form: a date, and sometimes reasons or a yes/no. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseReviewService, Outcome } from '../service.js';
import type { ReviewService } from '../review-service.js';
import { readDate, splitDate } from '../form-dates.js';
import { MAX_FILE_BYTES, readUpload } from '../consent-files.js';
import { caseReviewWorkflow } from '../rules/workflow.js';
import { notFound } from '../../platform/web/errors.js';
import { actorOf, body, done, MANAGE, page, params, str } from './helpers.js';

interface Field {
  name: string;
  label: string;
  kind: 'textarea' | 'yesno';
  hint?: string;
  required: string;
}

interface ActionPage {
  title: string;
  button: string;
  dateLabel: string;
  intro?: string;
  fields: Field[];
  warning?: boolean;
}

const PAGES: Record<string, ActionPage> = {
  'hold-for-consent': {
    title: 'Hold the application until consent arrives',
    button: 'Hold the application',
    dateLabel: 'the date',
    fields: [],
  },
  acknowledge: {
    title: 'Acknowledge the application',
    button: 'Acknowledge and write to the applicant',
    dateLabel: 'the date of the acknowledgement',
    intro: 'The applicant is sent an acknowledgement with the date by which the threshold will be decided.',
    fields: [],
  },
  'send-outcome': {
    title: 'Send the outcome to the applicant',
    button: 'Send the outcome',
    dateLabel: 'the date the outcome is sent',
    intro:
      'The letter lists the panel’s recommendations with their owners and deadlines, and says how to appeal.',
    fields: [
      {
        name: 'summary',
        label: 'What the review found',
        hint: 'This goes in the outcome letter. Do not name other people.',
        kind: 'textarea',
        required: 'Enter what the review found',
      },
    ],
  },
  'request-appeal': {
    title: 'Record an appeal',
    button: 'Record the appeal',
    dateLabel: 'the date the appeal was made',
    intro: 'The appeal goes to the body named in the settings, with its own timescale.',
    fields: [
      {
        name: 'grounds',
        label: 'The applicant’s grounds for the appeal',
        kind: 'textarea',
        required: 'Enter the grounds for the appeal',
      },
    ],
  },
  'decide-appeal': {
    title: 'Record the appeal decision',
    button: 'Record the decision and write to the applicant',
    dateLabel: 'the date of the appeal decision',
    fields: [
      {
        name: 'upheld',
        label: 'Was the appeal upheld?',
        kind: 'yesno',
        required: 'Select yes if the appeal was upheld',
      },
      {
        name: 'reasons',
        label: 'The appeal body’s reasons',
        kind: 'textarea',
        required: 'Enter the reasons for the appeal decision',
      },
    ],
  },
  'reopen-review': {
    title: 'Review the case again',
    button: 'Send back for review',
    dateLabel: 'the date',
    intro: 'The upheld appeal sends the case back: arrange a new panel.',
    fields: [],
  },
  close: {
    title: 'Close the application',
    button: 'Close the application',
    dateLabel: 'the date it closes',
    fields: [],
    warning: true,
  },
  withdraw: {
    title: 'Withdraw the application',
    button: 'Withdraw the application',
    dateLabel: 'the date it was withdrawn',
    fields: [
      {
        name: 'reason',
        label: 'Why is the application withdrawn?',
        kind: 'textarea',
        required: 'Enter why the application is withdrawn',
      },
    ],
    warning: true,
  },
};

export function registerActionRoutes(
  app: FastifyInstance,
  s: CaseReviewService,
  review: ReviewService,
): void {
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await s.view(actorOf(req), params(req).id, action);
    const def = PAGES[action];
    return page(
      reply,
      'staff/action',
      {
        title: def.title,
        ...v,
        action,
        def,
        values,
        errors,
        allowed: v.actions.includes(action as never),
        statusLabel: caseReviewWorkflow.statusLabels[v.state.status],
      },
      errors ? 400 : 200,
    );
  };

  app.get('/case-reviews/:id/do/:action', { config: MANAGE }, async (req, reply) => {
    const action = params(req).action;
    if (!PAGES[action]) throw notFound();
    const values: Record<string, unknown> = {};
    splitDate(values, 'on', s.ctx.today());
    return render(req, reply, action, values);
  });

  app.post('/case-reviews/:id/do/:action', { config: MANAGE }, async (req, reply) => {
    const { id, action } = params(req);
    const def = PAGES[action];
    if (!def) throw notFound();
    const b = body(req);
    const errors: Record<string, string> = {};
    const on = readDate(b, 'on', def.dateLabel, { required: true, notAfter: s.ctx.today() });
    if (on.error) errors.on = on.error;
    for (const f of def.fields) {
      const v = str(b, f.name);
      if (f.kind === 'yesno' ? v !== 'yes' && v !== 'no' : !v) errors[f.name] = f.required;
    }
    if (Object.keys(errors).length) return render(req, reply, action, b, errors);
    const actor = actorOf(req);
    const date = on.value!;
    let result: Outcome;
    switch (action) {
      case 'acknowledge':
        result = await s.acknowledge(actor, id, date, req.user!.name);
        break;
      case 'send-outcome':
        result = await review.sendOutcome(actor, id, { on: date, summary: str(b, 'summary') });
        break;
      case 'request-appeal':
        result = await review.requestAppeal(actor, id, { on: date, grounds: str(b, 'grounds') });
        break;
      case 'decide-appeal':
        result = await review.decideAppeal(actor, id, {
          on: date,
          upheld: str(b, 'upheld') === 'yes',
          reasons: str(b, 'reasons'),
        });
        break;
      case 'withdraw':
        result = await s.transition(actor, id, 'withdraw', { on: date, reason: str(b, 'reason') });
        break;
      default:
        result = await s.transition(actor, id, action as 'close' | 'reopen-review' | 'hold-for-consent', {
          on: date,
        });
    }
    if (!result.ok) return render(req, reply, action, b, result.errors);
    return done(req, reply, `/case-reviews/${id}`, result.banner);
  });

  // ---- consent: recorded (a signed letter, an email from the victim) or uploaded
  const consentPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await s.view(actorOf(req), params(req).id, 'consent');
    return page(
      reply,
      'staff/consent',
      {
        title: 'Record the victim’s consent',
        ...v,
        values,
        errors,
        allowed: v.actions.includes('record-consent'),
      },
      errors ? 400 : 200,
    );
  };
  app.get('/case-reviews/:id/consent', { config: MANAGE }, async (req, reply) => {
    const values: Record<string, unknown> = {};
    splitDate(values, 'on', s.ctx.today());
    return consentPage(req, reply, values);
  });
  app.post('/case-reviews/:id/consent', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
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
    const b = upload.fields as Record<string, unknown>;
    const errors: Record<string, string> = {};
    const on = readDate(b, 'on', 'the date consent was received', {
      required: true,
      notAfter: s.ctx.today(),
    });
    if (on.error) errors.on = on.error;
    if (upload.error) errors.consentFile = upload.error;
    if (!str(b, 'note'))
      errors.note = 'Enter how the victim gave their consent, for example a signed letter received by post';
    if (Object.keys(errors).length) return consentPage(req, reply, b, errors);
    const result = await s.recordConsent(actorOf(req), id, {
      on: on.value!,
      note: str(b, 'note'),
      file: upload.file,
    });
    if (!result.ok) return consentPage(req, reply, b, result.errors);
    return done(req, reply, `/case-reviews/${id}`, result.banner);
  });
}
