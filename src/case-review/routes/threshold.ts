/** The threshold page: the evidence with a reason for each complaint, complaints held elsewhere, staff marks, the decision. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseReviewService } from '../service.js';
import type { ThresholdService } from '../threshold-service.js';
import { readDate, splitDate } from '../form-dates.js';
import { actorOf, body, done, MANAGE, page, params, query, str } from './helpers.js';

export function registerThresholdRoutes(
  app: FastifyInstance,
  s: CaseReviewService,
  t: ThresholdService,
): void {
  const thresholdPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const id = params(req).id;
    const e = await t.evidence(actorOf(req), id);
    const v = await s.view(actorOf(req), id, 'threshold');
    const recorded = v.r.threshold_decided_on ? await t.recorded(id) : null;
    const rows = e.gathered.evidence.map((x) => ({ ...x, verdict: e.verdicts.get(x.label) ?? null }));
    const decisionValues: Record<string, unknown> = values ?? {
      met: e.result.met ? 'yes' : 'no',
      reasons: e.result.summary,
    };
    if (!values) splitDate(decisionValues, 'on', s.ctx.today());
    return page(
      reply,
      'staff/threshold',
      {
        title: `${v.r.reference}: threshold`,
        ...v,
        tab: 'threshold',
        result: e.result,
        thresholdSettings: e.settings.threshold,
        rows,
        gathered: e.gathered,
        victimRows: rows.filter((x) => x.byVictim),
        placeRows: rows.filter((x) => !x.byVictim),
        recorded,
        canDecide: v.actions.includes('decide-threshold'),
        values: decisionValues,
        errors,
      },
      errors ? 400 : 200,
    );
  };

  app.get('/case-reviews/:id/threshold', { config: MANAGE }, (req, reply) => thresholdPage(req, reply));

  app.post('/case-reviews/:id/threshold/decide', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const b = body(req);
    const errors: Record<string, string> = {};
    const on = readDate(b, 'on', 'the date of the decision', { required: true, notAfter: s.ctx.today() });
    if (on.error) errors.on = on.error;
    const met = str(b, 'met');
    if (met !== 'yes' && met !== 'no') errors.met = 'Select whether the threshold is met';
    if (!str(b, 'reasons')) errors.reasons = 'Enter the reasons for the decision';
    if (Object.keys(errors).length) return thresholdPage(req, reply, b, errors);
    const result = await t.decide(actorOf(req), id, {
      on: on.value!,
      met: met === 'yes',
      reasons: str(b, 'reasons'),
      reviewAnyway: met === 'no' && b.reviewAnyway === 'yes',
    });
    if (!result.ok) return thresholdPage(req, reply, b, result.errors);
    return done(req, reply, `/case-reviews/${id}`, result.banner);
  });

  // ---- complaints held elsewhere
  const complaintPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const id = params(req).id;
    const v = await s.view(actorOf(req), id, 'threshold');
    const e = await t.compute(v.r);
    const incidents = e.gathered.evidence
      .filter((x) => x.byVictim)
      .map((x) => ({ value: x.ref, text: `${x.label}: ${x.complainedOn}, ${x.agency}` }));
    return page(
      reply,
      'staff/complaint-new',
      { title: 'Add a complaint held elsewhere', ...v, values, errors, incidents },
      errors ? 400 : 200,
    );
  };
  app.get('/case-reviews/:id/threshold/complaints/new', { config: MANAGE }, (req, reply) =>
    complaintPage(req, reply, {}),
  );
  app.post('/case-reviews/:id/threshold/complaints/new', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const b = body(req);
    const today = s.ctx.today();
    const errors: Record<string, string> = {};
    if (!str(b, 'agencyName'))
      errors.agencyName = 'Enter who the complaint was made to, for example the housing provider';
    const complained = readDate(b, 'complainedOn', 'the date of the complaint', {
      required: true,
      notAfter: today,
    });
    const behaviour = readDate(b, 'behaviourOn', 'the date of the behaviour', { notAfter: today });
    if (complained.error) errors.complainedOn = complained.error;
    if (behaviour.error) errors.behaviourOn = behaviour.error;
    if (!str(b, 'evidence'))
      errors.evidence =
        'Enter the evidence that the complaint was made, for example the housing officer’s email of 3 March';
    if (Object.keys(errors).length) return complaintPage(req, reply, b, errors);
    const result = await t.addComplaint(actorOf(req), id, {
      agencyName: str(b, 'agencyName'),
      complainedOn: complained.value!,
      behaviourOn: behaviour.value,
      hate: b.hate === 'yes',
      evidence: str(b, 'evidence'),
      agencyReference: str(b, 'agencyReference') || null,
      sameIncidentAs: str(b, 'sameIncidentAs') || null,
    });
    if (!result.ok) return complaintPage(req, reply, b, result.errors);
    return done(req, reply, `/case-reviews/${id}/threshold`, result.banner);
  });
  app.post(
    '/case-reviews/:id/threshold/complaints/:complaintId/remove',
    { config: MANAGE },
    async (req, reply) => {
      const { id, complaintId } = params(req);
      const result = await t.removeComplaint(actorOf(req), id, complaintId);
      if (!result.ok)
        return done(req, reply, `/case-reviews/${id}/threshold`, Object.values(result.errors)[0]);
      return done(req, reply, `/case-reviews/${id}/threshold`, result.banner);
    },
  );

  // ---- staff marks on one complaint
  const markPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    ref: string,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const id = params(req).id;
    const v = await s.view(actorOf(req), id, 'threshold');
    const e = await t.compute(v.r);
    const row = e.gathered.evidence.find((x) => x.ref === ref);
    if (!row)
      return done(
        req,
        reply,
        `/case-reviews/${id}/threshold`,
        'That complaint is no longer part of the evidence',
      );
    const others = e.gathered.evidence
      .filter((x) => x.ref !== ref)
      .map((x) => ({ value: x.ref, text: `${x.label}: ${x.complainedOn}, ${x.agency}` }));
    const current = values ?? {
      choice: row.excludedReason
        ? 'exclude'
        : row.markedSeparate
          ? 'separate'
          : row.markedSameAs
            ? 'same'
            : 'auto',
      sameIncidentAs: e.gathered.evidence.find((x) => x.label === row.markedSameAs)?.ref ?? '',
      excludedReason: row.excludedReason ?? '',
    };
    return page(
      reply,
      'staff/mark',
      {
        title: `Complaint ${row.label}`,
        ...v,
        row,
        verdict: e.verdicts.get(row.label),
        others,
        ref,
        values: current,
        errors,
      },
      errors ? 400 : 200,
    );
  };
  app.get('/case-reviews/:id/threshold/mark', { config: MANAGE }, (req, reply) =>
    markPage(req, reply, query(req).ref ?? ''),
  );
  app.post('/case-reviews/:id/threshold/mark', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const b = body(req);
    const ref = str(b, 'ref');
    const choice = str(b, 'choice');
    const errors: Record<string, string> = {};
    if (!['auto', 'same', 'separate', 'exclude'].includes(choice))
      errors.choice = 'Select how this complaint should count';
    if (choice === 'same' && !str(b, 'sameIncidentAs'))
      errors.sameIncidentAs = 'Select the complaint about the same incident';
    if (choice === 'exclude' && !str(b, 'excludedReason'))
      errors.excludedReason = 'Enter why this complaint is not about the problem in the application';
    if (Object.keys(errors).length) return markPage(req, reply, ref, b, errors);
    const result = await t.mark(actorOf(req), id, ref, {
      sameIncidentAs:
        choice === 'same' ? str(b, 'sameIncidentAs') : choice === 'separate' ? 'separate' : null,
      excludedReason: choice === 'exclude' ? str(b, 'excludedReason') : null,
    });
    if (!result.ok) return markPage(req, reply, ref, b, result.errors);
    return done(req, reply, `/case-reviews/${id}/threshold`, result.banner);
  });
}
