/** The review: panel, information from agencies, the victim's part, recommendations and their follow-up. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addWorkingDays } from '../../platform/dates/working-days.js';
import type { CaseReviewService } from '../service.js';
import type { ReviewService, PanelInput, RecommendationInput } from '../review-service.js';
import { readDate, splitDate } from '../form-dates.js';
import {
  PARTICIPATION,
  RECOMMENDATION_STATUS,
  itemsOf,
  type Participation,
  type RecommendationStatus,
} from '../labels.js';
import { EMAIL_MESSAGE } from '../schemas.js';
import { z } from 'zod';
import { actorOf, body, done, MANAGE, page, params, str } from './helpers.js';

const MEMBER_ROWS = 6;

export function registerReviewRoutes(
  app: FastifyInstance,
  s: CaseReviewService,
  review: ReviewService,
): void {
  const back = (id: string) => `/case-reviews/${id}/review`;

  app.get('/case-reviews/:id/review', { config: MANAGE }, async (req, reply) => {
    const v = await review.view(actorOf(req), params(req).id);
    return page(reply, 'staff/review', { title: `${v.r.reference}: the review`, ...v, tab: 'review' });
  });

  // ---- the panel
  const panelPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await review.view(actorOf(req), params(req).id);
    let vals = values;
    if (!vals) {
      vals = { location: v.r.panel_location ?? '' };
      splitDate(vals, 'on', s.ctx.today());
      splitDate(vals, 'panelOn', v.r.panel_on);
      const chair = v.panel.find((m) => m.role === 'chair');
      if (chair)
        Object.assign(vals, {
          chairName: chair.name,
          chairOrganisation: chair.organisation ?? '',
          chairIndependent: chair.independent ? 'yes' : 'no',
        });
      v.panel
        .filter((m) => m.role !== 'chair')
        .forEach((m, i) =>
          Object.assign(vals!, {
            [`member${i}Name`]: m.name,
            [`member${i}Organisation`]: m.organisation ?? '',
          }),
        );
    }
    const rows = Math.max(MEMBER_ROWS, v.panel.length + 2);
    return page(
      reply,
      'staff/panel',
      {
        title: v.r.status === 'panel-convened' ? 'Change the panel' : 'Arrange the review panel',
        ...v,
        values: vals,
        errors,
        memberRows: Array.from({ length: rows }, (_, i) => i),
        allowed: v.actions.includes('convene-panel') || v.r.status === 'panel-convened',
      },
      errors ? 400 : 200,
    );
  };
  app.get('/case-reviews/:id/panel', { config: MANAGE }, (req, reply) => panelPage(req, reply));
  app.post('/case-reviews/:id/panel', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const b = body(req);
    const errors: Record<string, string> = {};
    const on = readDate(b, 'on', 'the date the panel was arranged', {
      required: true,
      notAfter: s.ctx.today(),
    });
    const panelOn = readDate(b, 'panelOn', 'the date of the panel', { required: true });
    if (on.error) errors.on = on.error;
    if (panelOn.error) errors.panelOn = panelOn.error;
    const members: PanelInput['members'] = [];
    if (str(b, 'chairName')) {
      const ind = str(b, 'chairIndependent');
      if (ind !== 'yes' && ind !== 'no')
        errors.chairIndependent = 'Select yes if the chair is independent of the agencies being reviewed';
      members.push({
        name: str(b, 'chairName'),
        organisation: str(b, 'chairOrganisation') || null,
        role: 'chair',
        independent: ind === 'yes',
      });
    } else if (str(b, 'chairOrganisation')) errors.chairName = 'Enter the chair’s name';
    for (let i = 0; i < 20; i++) {
      const name = str(b, `member${i}Name`);
      const org = str(b, `member${i}Organisation`);
      if (!name && !org) continue;
      if (!name) errors[`member${i}Name`] = `Enter the name of panel member ${i + 1}`;
      members.push({ name, organisation: org || null, role: 'member', independent: false });
    }
    if (!members.some((m) => m.role === 'member')) errors.member0Name = 'Enter at least one panel member';
    if (Object.keys(errors).length) return panelPage(req, reply, b, errors);
    const result = await review.panel(actorOf(req), id, {
      on: on.value!,
      panelOn: panelOn.value!,
      location: str(b, 'location') || null,
      members,
    });
    if (!result.ok) return panelPage(req, reply, b, result.errors);
    return done(req, reply, back(id), result.banner);
  });

  // ---- information from the agencies
  const infoPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await review.view(actorOf(req), params(req).id);
    let vals = values;
    if (!vals) {
      vals = {};
      const today = s.ctx.today();
      splitDate(vals, 'requestedOn', today);
      splitDate(vals, 'dueOn', addWorkingDays(today, v.settings.procedure.informationWorkingDays));
    }
    const agencyItems = [
      ...v.agencies.map((a) => ({ value: a.id, text: a.name })),
      { value: 'other', text: 'Another organisation' },
    ];
    return page(
      reply,
      'staff/info-new',
      { title: 'Ask an agency for information', ...v, values: vals, errors, agencyItems },
      errors ? 400 : 200,
    );
  };
  app.get('/case-reviews/:id/information/new', { config: MANAGE }, (req, reply) => infoPage(req, reply));
  app.post('/case-reviews/:id/information/new', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const b = body(req);
    const errors: Record<string, string> = {};
    const agencies = await s.repo.agencies(req.user!.partnershipId);
    const chosen = str(b, 'agency');
    const agency = agencies.find((a) => a.id === chosen);
    if (!agency && chosen !== 'other') errors.agency = 'Select the agency you are asking';
    if (chosen === 'other' && !str(b, 'otherAgency'))
      errors.otherAgency = 'Enter the name of the organisation';
    if (!str(b, 'askedFor')) errors.askedFor = 'Enter what you are asking for';
    const requestedOn = readDate(b, 'requestedOn', 'the date you asked', {
      required: true,
      notAfter: s.ctx.today(),
    });
    const dueOn = readDate(b, 'dueOn', 'the date the information is due', { required: true });
    if (requestedOn.error) errors.requestedOn = requestedOn.error;
    if (dueOn.error) errors.dueOn = dueOn.error;
    const email = str(b, 'email');
    if (email && !z.email().safeParse(email).success) errors.email = EMAIL_MESSAGE;
    if (Object.keys(errors).length) return infoPage(req, reply, b, errors);
    const result = await review.askForInformation(actorOf(req), id, {
      agencyName: agency?.name ?? str(b, 'otherAgency'),
      agencyId: agency?.id ?? null,
      askedFor: str(b, 'askedFor'),
      requestedOn: requestedOn.value!,
      dueOn: dueOn.value!,
      email: email || null,
    });
    if (!result.ok) return infoPage(req, reply, b, result.errors);
    return done(req, reply, back(id), result.banner);
  });

  const receivedPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await review.view(actorOf(req), params(req).id);
    const request = v.infoRequests.find((x) => x.id === params(req).requestId);
    if (!request) return done(req, reply, back(v.r.id), 'That request is not part of this application');
    let vals = values;
    if (!vals) {
      vals = { summary: request.summary ?? '' };
      splitDate(vals, 'on', request.received_on ?? s.ctx.today());
    }
    return page(
      reply,
      'staff/info-received',
      { title: `Information from ${request.agency_name}`, ...v, request, values: vals, errors },
      errors ? 400 : 200,
    );
  };
  app.get('/case-reviews/:id/information/:requestId', { config: MANAGE }, (req, reply) =>
    receivedPage(req, reply),
  );
  app.post('/case-reviews/:id/information/:requestId', { config: MANAGE }, async (req, reply) => {
    const { id, requestId } = params(req);
    const b = body(req);
    const errors: Record<string, string> = {};
    const on = readDate(b, 'on', 'the date it was received', { required: true, notAfter: s.ctx.today() });
    if (on.error) errors.on = on.error;
    if (!str(b, 'summary')) errors.summary = 'Enter a summary of what the agency sent';
    if (Object.keys(errors).length) return receivedPage(req, reply, b, errors);
    const result = await review.informationReceived(actorOf(req), id, requestId, {
      on: on.value!,
      summary: str(b, 'summary'),
    });
    if (!result.ok) return receivedPage(req, reply, b, result.errors);
    return done(req, reply, back(id), result.banner);
  });

  // ---- the victim's part
  const victimPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await review.view(actorOf(req), params(req).id);
    let vals = values;
    if (!vals) {
      vals = {
        participation: v.r.victim_participation ?? 'no-response',
        statement: v.r.impact_statement ?? '',
      };
      splitDate(vals, 'invitedOn', v.r.victim_invited_on ?? s.ctx.today());
      splitDate(vals, 'statementOn', v.r.impact_statement_on);
    }
    return page(
      reply,
      'staff/victim',
      {
        title: 'The victim’s part in the review',
        ...v,
        values: vals,
        errors,
        participationItems: itemsOf(PARTICIPATION),
      },
      errors ? 400 : 200,
    );
  };
  app.get('/case-reviews/:id/victim', { config: MANAGE }, (req, reply) => victimPage(req, reply));
  app.post('/case-reviews/:id/victim', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const b = body(req);
    const today = s.ctx.today();
    const errors: Record<string, string> = {};
    const invitedOn = readDate(b, 'invitedOn', 'the date of the invitation', {
      required: true,
      notAfter: today,
    });
    const statementOn = readDate(b, 'statementOn', 'the date the statement was received', {
      notAfter: today,
    });
    if (invitedOn.error) errors.invitedOn = invitedOn.error;
    if (statementOn.error) errors.statementOn = statementOn.error;
    const participation = str(b, 'participation');
    if (!(participation in PARTICIPATION)) errors.participation = 'Select the victim’s answer';
    if (Object.keys(errors).length) return victimPage(req, reply, b, errors);
    const result = await review.victim(actorOf(req), id, {
      invitedOn: invitedOn.value!,
      participation: participation as Participation,
      statement: str(b, 'statement') || null,
      statementOn: statementOn.value,
    });
    if (!result.ok) return victimPage(req, reply, b, result.errors);
    return done(req, reply, back(id), result.banner);
  });

  // ---- recommendations
  const recsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    rows: number,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await review.view(actorOf(req), params(req).id);
    let vals = values;
    if (!vals) {
      vals = {};
      const today = s.ctx.today();
      splitDate(vals, 'on', v.r.panel_on && v.r.panel_on <= today ? v.r.panel_on : today);
    }
    return page(
      reply,
      'staff/recommendations',
      {
        title: 'Record the panel’s recommendations',
        ...v,
        values: vals,
        errors,
        recRows: Array.from({ length: rows }, (_, i) => i),
        rowCount: rows,
        allowed: v.actions.includes('record-recommendations'),
      },
      errors ? 400 : 200,
    );
  };
  app.get('/case-reviews/:id/recommendations', { config: MANAGE }, (req, reply) => recsPage(req, reply, 3));
  app.post('/case-reviews/:id/recommendations', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const b = body(req);
    const rows = Math.min(20, Math.max(1, Number(str(b, 'rowCount')) || 3));
    if (b.more === 'yes') return recsPage(req, reply, rows + 2, b);
    const errors: Record<string, string> = {};
    const on = readDate(b, 'on', 'the date of the review', { required: true, notAfter: s.ctx.today() });
    if (on.error) errors.on = on.error;
    const items: RecommendationInput[] = [];
    for (let i = 0; i < rows; i++) {
      const text = str(b, `rec${i}Text`);
      const owner = str(b, `rec${i}Owner`);
      const due = readDate(b, `rec${i}Due`, `the deadline of recommendation ${i + 1}`, {
        required: !!(text || owner),
      });
      if (!text && !owner && !due.value && !due.error) continue;
      if (!text) errors[`rec${i}Text`] = `Enter recommendation ${i + 1}`;
      if (!owner) errors[`rec${i}Owner`] = `Enter who owns recommendation ${i + 1}`;
      if (due.error) errors[`rec${i}Due`] = due.error;
      if (text && owner && due.value) items.push({ text, owner, dueOn: due.value });
    }
    const none = str(b, 'noRecommendationsReason');
    if (!items.length && !none && !Object.keys(errors).some((k) => k.startsWith('rec'))) {
      errors.rec0Text = 'Enter the panel’s recommendations, or say why it made none';
    }
    if (Object.keys(errors).length) return recsPage(req, reply, rows, b, errors);
    const result = await review.recordRecommendations(actorOf(req), id, {
      on: on.value!,
      items,
      noRecommendationsReason: items.length ? null : none,
    });
    if (!result.ok) return recsPage(req, reply, rows, b, result.errors);
    return done(req, reply, back(id), result.banner);
  });

  const updatePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const v = await review.view(actorOf(req), params(req).id);
    const rec = v.recommendations.find((x) => x.id === params(req).recId);
    if (!rec) return done(req, reply, back(v.r.id), 'That recommendation is not part of this application');
    let vals = values;
    if (!vals) {
      vals = { status: rec.status };
      splitDate(vals, 'on', s.ctx.today());
    }
    return page(
      reply,
      'staff/recommendation-update',
      {
        title: 'Follow up a recommendation',
        ...v,
        rec,
        values: vals,
        errors,
        statusItems: itemsOf(RECOMMENDATION_STATUS),
      },
      errors ? 400 : 200,
    );
  };
  app.get('/case-reviews/:id/recommendations/:recId', { config: MANAGE }, (req, reply) =>
    updatePage(req, reply),
  );
  app.post('/case-reviews/:id/recommendations/:recId', { config: MANAGE }, async (req, reply) => {
    const { id, recId } = params(req);
    const b = body(req);
    const errors: Record<string, string> = {};
    const on = readDate(b, 'on', 'the date of the update', { required: true, notAfter: s.ctx.today() });
    if (on.error) errors.on = on.error;
    const status = str(b, 'status');
    if (!(status in RECOMMENDATION_STATUS)) errors.status = 'Select where the recommendation stands';
    if (!str(b, 'note')) errors.note = 'Enter what has been done';
    if (Object.keys(errors).length) return updatePage(req, reply, b, errors);
    const result = await review.updateRecommendation(actorOf(req), id, recId, {
      on: on.value!,
      status: status as RecommendationStatus,
      note: str(b, 'note'),
    });
    if (!result.ok) return updatePage(req, reply, b, result.errors);
    return done(req, reply, back(id), result.banner);
  });
}
