/** The coordinator's pages: the list with due and overdue items, entering an application, the application's pages, settings. */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { CaseReviewService } from '../service.js';
import { checkStaffApplication, DESCRIPTION_MAX } from '../schemas.js';
import {
  AGENCIES,
  APPLICANT_KINDS,
  CHANNELS,
  CONTACT_METHODS,
  SUPPORT_NEEDS,
  VICTIM_TYPES,
  itemsOf,
} from '../labels.js';
import { splitDate } from '../form-dates.js';
import { reportedText } from '../summary.js';
import { actorOf, body, done, MANAGE, page, params, query, str } from './helpers.js';

/** Where each workflow action is done. */
export function actionHref(id: string, action: string): string {
  const base = `/case-reviews/${id}`;
  switch (action) {
    case 'record-consent':
      return `${base}/consent`;
    case 'decide-threshold':
      return `${base}/threshold`;
    case 'convene-panel':
      return `${base}/panel`;
    case 'record-recommendations':
      return `${base}/recommendations`;
    default:
      return `${base}/do/${action}`;
  }
}

const SETTING_WORDS: Record<string, string> = {
  acknowledgeWorkingDays: 'Acknowledge within',
  thresholdDecisionWorkingDays: 'Decide the threshold within',
  panelWorkingDays: 'Hold the panel within',
  outcomeWorkingDays: 'Send the outcome within',
};

const staffChannels = () => itemsOf(CHANNELS).filter((c) => c.value !== 'online');

export function registerStaffRoutes(app: FastifyInstance, s: CaseReviewService): void {
  const newForm = (values: Record<string, unknown>, errors?: Record<string, string>) => ({
    title: 'Enter an application',
    values,
    errors,
    channels: staffChannels(),
    kinds: itemsOf(APPLICANT_KINDS),
    victimTypes: itemsOf(VICTIM_TYPES),
    agencies: itemsOf(AGENCIES),
    methods: itemsOf(CONTACT_METHODS),
    needs: itemsOf(SUPPORT_NEEDS),
    maxLength: DESCRIPTION_MAX,
  });

  app.get('/case-reviews', { config: MANAGE }, async (req, reply) => {
    const q = query(req);
    const status = (['open', 'closed', 'all'] as const).find((x) => x === q.status) ?? 'open';
    const actor = actorOf(req);
    const [{ rows, today }, due] = await Promise.all([
      s.list(actor, { status, text: q.q }),
      s.dueItems(actor),
    ]);
    return page(reply, 'staff/list', {
      title: 'ASB Case Reviews',
      rows,
      due,
      today,
      filters: { status, q: q.q ?? '' },
      statusItems: [
        { value: 'open', text: 'Not closed' },
        { value: 'closed', text: 'Closed' },
        { value: 'all', text: 'All' },
      ],
    });
  });

  app.get('/case-reviews/new', { config: MANAGE }, async (req, reply) => {
    const values: Record<string, unknown> = { channel: 'phone' };
    splitDate(values, 'receivedOn', s.ctx.today());
    return page(reply, 'staff/new', newForm(values));
  });

  app.post('/case-reviews/new', { config: MANAGE }, async (req, reply) => {
    const b = body(req);
    const r = checkStaffApplication(b, s.ctx.today());
    if (!r.ok) return page(reply, 'staff/new', newForm(b, r.errors), 400);
    const created = await s.submit(req.user!.partnershipId, r.value!, actorOf(req));
    const notes = [
      created.heldForConsent ? 'held until the victim’s written consent is received' : null,
      created.duplicateOf ? `linked as a duplicate of ${created.duplicateOf}` : null,
    ].filter(Boolean);
    return done(
      req,
      reply,
      `/case-reviews/${created.id}`,
      `Application ${created.reference} entered${notes.length ? `: ${notes.join('; ')}` : ''}`,
    );
  });

  app.get('/case-reviews/:id', { config: MANAGE }, async (req, reply) => {
    const v = await s.view(actorOf(req), params(req).id);
    return page(reply, 'staff/overview', {
      title: `${v.r.reference}: ASB Case Review`,
      ...v,
      tab: 'overview',
      actionLinks: v.actions.map((a) => ({ action: a, href: actionHref(v.r.id, a) })),
    });
  });

  app.get('/case-reviews/:id/application', { config: MANAGE }, async (req, reply) => {
    const v = await s.view(actorOf(req), params(req).id, 'application');
    return page(reply, 'staff/application', {
      title: `${v.r.reference}: the application`,
      ...v,
      tab: 'application',
      reported: v.agencyReports.map((a) =>
        reportedText({
          agencyName: a.agency_name,
          firstReported: a.first_reported,
          lastReported: a.last_reported,
          references: a.reference_numbers,
        }),
      ),
    });
  });

  app.get('/case-reviews/:id/history', { config: MANAGE }, async (req, reply) => {
    const v = await s.view(actorOf(req), params(req).id, 'history');
    return page(reply, 'staff/history', {
      title: `${v.r.reference}: history and letters`,
      ...v,
      tab: 'history',
    });
  });

  app.get('/case-reviews/:id/files/:fileId', { config: MANAGE }, async (req, reply) => {
    const f = await s.file(actorOf(req), params(req).id, params(req).fileId);
    return reply
      .type(f.mime)
      .header('content-disposition', `attachment; filename="${f.name.replace(/"/g, '')}"`)
      .header('cache-control', 'private, no-store')
      .send(fs.createReadStream(f.path));
  });

  // ---- duplicate link
  app.get('/case-reviews/:id/duplicate', { config: MANAGE }, async (req, reply) => {
    const v = await s.view(actorOf(req), params(req).id, 'duplicate');
    return page(reply, 'staff/duplicate', {
      title: 'Link to an earlier application',
      ...v,
      values: { reference: v.duplicateOf?.reference ?? '' },
    });
  });
  app.post('/case-reviews/:id/duplicate', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const b = body(req);
    const errors: Record<string, string> = {};
    const unlink = b.unlink === 'yes';
    if (!unlink && !str(b, 'reference')) errors.reference = 'Enter the reference of the earlier application';
    if (!str(b, 'reason'))
      errors.reason = unlink
        ? 'Enter why the link is removed'
        : 'Enter why this is the same victim and problem';
    const result = Object.keys(errors).length
      ? { ok: false as const, errors }
      : await s.setDuplicate(actorOf(req), id, {
          reference: unlink ? null : str(b, 'reference'),
          reason: str(b, 'reason'),
        });
    if (!result.ok) {
      const v = await s.view(actorOf(req), id, 'duplicate');
      return page(
        reply,
        'staff/duplicate',
        { title: 'Link to an earlier application', ...v, values: b, errors: result.errors },
        400,
      );
    }
    return done(req, reply, `/case-reviews/${id}`, result.banner);
  });

  // ---- settings
  const settingsForm = (values: Record<string, unknown>, errors?: Record<string, string>) => ({
    title: 'ASB Case Review settings',
    values,
    errors,
  });
  const flatten = (st: Awaited<ReturnType<CaseReviewService['settings']>>) => ({
    ...Object.fromEntries(Object.entries(st.threshold).map(([k, v]) => [k, v === null ? '' : String(v)])),
    ...Object.fromEntries(Object.entries(st.deadlines).map(([k, v]) => [k, String(v)])),
    ...Object.fromEntries(Object.entries(st.procedure).map(([k, v]) => [k, String(v)])),
  });
  app.get('/case-reviews/settings', { config: MANAGE }, async (req, reply) => {
    return page(reply, 'staff/settings', settingsForm(flatten(await s.settings(req.user!.partnershipId))));
  });
  app.post('/case-reviews/settings', { config: MANAGE }, async (req, reply) => {
    const b = body(req);
    const current = await s.settings(req.user!.partnershipId);
    const errors: Record<string, string> = {};
    const num = (k: string, what: string, nullable = false): number | null => {
      const v = str(b, k);
      if (!v && nullable) return null;
      if (!/^\d+$/.test(v)) {
        errors[k] = `${what} must be a whole number${nullable ? ', or left blank to turn the rule off' : ''}`;
        return 0;
      }
      return Number(v);
    };
    const input = {
      threshold: {
        ...current.threshold,
        complaintsThreshold: num('complaintsThreshold', 'The number of complaints'),
        hateThreshold: num('hateThreshold', 'The number of hate incidents', true),
        communityThreshold: num('communityThreshold', 'The number of people', true),
        communityWindowMonths: num('communityWindowMonths', 'The community window'),
      },
      deadlines: {
        ...current.deadlines,
        acknowledgeWorkingDays: num('acknowledgeWorkingDays', 'Acknowledge within'),
        thresholdDecisionWorkingDays: num('thresholdDecisionWorkingDays', 'Decide the threshold within'),
        panelWorkingDays: num('panelWorkingDays', 'Hold the panel within'),
        outcomeWorkingDays: num('outcomeWorkingDays', 'Send the outcome within'),
        appealRequestWorkingDays: num('appealRequestWorkingDays', 'The time to ask for an appeal'),
        appealOutcomeWorkingDays: num('appealOutcomeWorkingDays', 'The time to decide an appeal'),
      },
      procedure: {
        ...current.procedure,
        appealBody: str(b, 'appealBody'),
        appealBodyEmail: str(b, 'appealBodyEmail'),
        contactEmail: str(b, 'contactEmail'),
        contactPhone: str(b, 'contactPhone'),
        informationWorkingDays: num('informationWorkingDays', 'The time agencies are given'),
      },
    };
    const result = Object.keys(errors).length
      ? { ok: false as const, errors }
      : await s.saveSettings(actorOf(req), input);
    if (!result.ok) {
      // The timescales must not shrink from one step to the next: say so with the page's own words.
      for (const [k, m] of Object.entries(result.errors)) {
        const order = /^(\w+) \((\d+)\) cannot be sooner than (\w+) \((\d+)\)$/.exec(m);
        if (order)
          result.errors[k] =
            `${SETTING_WORDS[order[1]] ?? order[1]} (${order[2]}) must be the same as or more than ${(SETTING_WORDS[order[3]] ?? order[3]).toLowerCase()} (${order[4]})`;
      }
      return page(reply, 'staff/settings', settingsForm(b, result.errors), 400);
    }
    return done(req, reply, '/case-reviews/settings', 'Settings saved');
  });
}
