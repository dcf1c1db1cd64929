/** Case list, opening a case, the overview page, details, teams, linked reports and status changes. */
import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import { can } from '../../platform/permissions/roles.js';
import type { CaseServices } from '../services.js';
import {
  addTeamSchema,
  caseDetailsSchema,
  closeSchema,
  linkReportSchema,
  noteTransitionSchema,
  openCaseSchema,
  reopenSchema,
} from '../schemas.js';
import { CASE_TYPES, PARTY_ROLES, STATUS_LABELS, itemsOf } from '../labels.js';
import { CLOSURE_REASONS, NOT_INFORMED_REASONS, caseWorkflow, type CaseAction } from '../rules/workflow.js';
import { splitDate } from '../form-dates.js';
import { actorOf, bodyWithDates, done, MANAGE, params, query, READ } from './helpers.js';
import { page } from './render.js';
import type { PersonInfoService } from '../../people/person-info.js';
import { FLAG_LABELS } from '../../people/repeats.js';

const TRANSITION_PAGES: Record<string, { title: string; button: string }> = {
  'request-review': { title: 'Ask for a review of the case', button: 'Ask for review' },
  'continue-work': { title: 'Review done: continue work on the case', button: 'Continue work' },
  reopen: { title: 'Reopen the case', button: 'Reopen case' },
  close: { title: 'Close the case', button: 'Close case' },
};

export function registerCaseRoutes(
  app: FastifyInstance,
  s: CaseServices,
  personInfo: PersonInfoService,
): void {
  /** Repeat flags of the people in the case, for users who see its sensitive details; person pages for those who may read people. */
  const flagsPanel = async (
    req: any,
    v: {
      c: { partnership_id: string };
      access: { sensitive: boolean };
      parties: { person_id: string; display_name: string; role: string }[];
    },
  ) => ({
    flagPeople: v.access.sensitive
      ? await personInfo.flagPanel(
          v.c.partnership_id,
          v.parties.map((p) => ({
            personId: p.person_id,
            name: p.display_name,
            role: (PARTY_ROLES as Record<string, string>)[p.role] ?? p.role,
          })),
        )
      : [],
    flagLabels: FLAG_LABELS,
    canOpenPeople: can(req.user!.role, 'people.read'),
  });
  const choices = async (partnershipId: string) => {
    const [teams, staff] = await Promise.all([
      s.cases.repo.partnershipTeams(partnershipId),
      s.cases.repo.staff(partnershipId),
    ]);
    return {
      teamItems: teams
        .filter((t) => t.agency_kind !== 'partner')
        .map((t) => ({ value: t.id, text: `${t.agency_code}: ${t.name}` })),
      allTeamItems: teams.map((t) => ({ value: t.id, text: `${t.agency_code}: ${t.name}` })),
      spocItems: staff
        .filter((u) => can(u.role, 'cases.manage'))
        .map((u) => ({ value: u.id, text: `${u.name}${u.team_name ? ` (${u.team_name})` : ''}` })),
    };
  };

  app.get('/cases', { config: READ }, async (req, reply) => {
    const q = query(req);
    const filters = {
      status: q.status ?? 'active',
      caseType: q.type || undefined,
      text: q.q,
      mine: q.mine === 'yes',
      page: Number(q.page) || 1,
    };
    const rows = await s.cases.list(actorOf(req), filters);
    return page(reply, 'list', {
      title: 'Cases',
      rows: rows.slice(0, 50),
      hasNext: rows.length > 50,
      filters,
      statusItems: [
        { value: 'active', text: 'Not closed' },
        { value: '', text: 'Any status' },
        ...itemsOf(STATUS_LABELS),
      ],
      typeItems: [{ value: '', text: 'Any type' }, ...itemsOf(CASE_TYPES)],
      canOpen: can(req.user!.role, 'cases.manage'),
    });
  });

  app.get('/cases/new', { config: MANAGE }, async (req, reply) => {
    const q = query(req);
    const values: Record<string, unknown> = {
      leadTeamId: req.user!.teamId,
      spocUserId: req.user!.id,
      addReporters: 'yes',
    };
    splitDate(values, 'openedOn', s.cases.ctx.today());
    const ids = (q.reports ?? '').split(',').filter(Boolean);
    const reports = await s.cases.reports.byIds(req.user!.partnershipId, ids);
    values.reportIds = reports.map((r) => r.id);
    return page(reply, 'new', {
      title: 'Open a case',
      values,
      reports,
      caseTypeItems: itemsOf(CASE_TYPES),
      ...(await choices(req.user!.partnershipId)),
    });
  });

  app.post('/cases/new', { config: MANAGE }, async (req, reply) => {
    const form = parseForm(openCaseSchema, bodyWithDates(req, ['openedOn']));
    const result = form.ok
      ? await s.cases.open(actorOf(req), form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) {
      const ids = Array.isArray(form.values.reportIds)
        ? (form.values.reportIds as string[])
        : form.values.reportIds
          ? [String(form.values.reportIds)]
          : [];
      const reports = await s.cases.reports.byIds(req.user!.partnershipId, ids);
      return page(reply.code(400), 'new', {
        title: 'Open a case',
        values: { ...form.values, reportIds: ids },
        errors: result.errors,
        reports,
        caseTypeItems: itemsOf(CASE_TYPES),
        ...(await choices(req.user!.partnershipId)),
      });
    }
    return done(req, reply, `/cases/${result.value.id}`, `Case ${result.value.reference} opened`);
  });

  app.get('/cases/:id', { config: READ }, async (req, reply) => {
    const v = await s.cases.view(actorOf(req), params(req).id);
    const open = v.c.status !== 'closed' && v.access.sensitive;
    const prompts = open ? await s.contacts.prompts(v.c.partnership_id, v.parties) : [];
    const contactAlerts = open
      ? (await s.contacts.statuses(v.c.id, v.parties)).filter(
          (x) => x.status.status === 'overdue' || x.status.status === 'due-today',
        )
      : [];
    const referrals = v.access.sensitive
      ? await s.marac.repo.list(v.c.partnership_id, { caseId: v.c.id })
      : [];
    const referral = referrals.find((r) => r.status !== 'withdrawn') ?? null;
    return page(reply, 'show', {
      title: `${v.c.reference}: ${v.c.title}`,
      ...v,
      prompts,
      contactAlerts,
      referral,
      ...(await flagsPanel(req, v)),
      ...(v.access.canManage ? await choices(req.user!.partnershipId) : {}),
    });
  });

  app.get('/cases/:id/edit', { config: MANAGE }, async (req, reply) => {
    const actor = actorOf(req);
    const { c } = await s.cases.header(actor, params(req).id, 'manage');
    await s.cases.ctx.record(actor, 'case.viewed', { type: 'case', id: c.id }, { page: 'edit' });
    const values = {
      title: c.title,
      caseType: c.case_type,
      summary: c.summary,
      leadTeamId: c.lead_team_id,
      spocUserId: c.spoc_user_id,
      location: c.location,
    };
    return page(reply, 'edit', {
      title: 'Change case details',
      c,
      values,
      caseTypeItems: itemsOf(CASE_TYPES),
      ...(await choices(c.partnership_id)),
    });
  });

  app.post('/cases/:id/edit', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const form = parseForm(caseDetailsSchema, req.body);
    const result = form.ok
      ? await s.cases.updateDetails(actorOf(req), id, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) {
      const { c } = await s.cases.header(actorOf(req), id, 'manage');
      return page(reply.code(400), 'edit', {
        title: 'Change case details',
        c,
        values: form.values,
        errors: result.errors,
        caseTypeItems: itemsOf(CASE_TYPES),
        ...(await choices(c.partnership_id)),
      });
    }
    return done(req, reply, `/cases/${id}`, 'Case details updated');
  });

  // Adding a team or linking a report is a small form on the overview; errors re-render it.
  const overviewWithErrors = async (
    req: any,
    reply: any,
    errors: Record<string, string>,
    values: Record<string, unknown>,
  ) => {
    const v = await s.cases.view(actorOf(req), params(req).id);
    return page(reply.code(400), 'show', {
      title: `${v.c.reference}: ${v.c.title}`,
      ...v,
      errors,
      values,
      ...(await flagsPanel(req, v)),
      ...(await choices(req.user!.partnershipId)),
    });
  };

  app.post('/cases/:id/teams', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const form = parseForm(addTeamSchema, req.body);
    const result = form.ok
      ? await s.cases.addTeam(actorOf(req), id, form.value!.teamId)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return overviewWithErrors(req, reply, result.errors, form.values);
    return done(req, reply, `/cases/${id}`, 'Team added to the case');
  });

  app.post('/cases/:id/reports', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const form = parseForm(linkReportSchema, req.body);
    const result = form.ok
      ? await s.cases.linkReport(actorOf(req), id, form.value!.reference)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return overviewWithErrors(req, reply, result.errors, form.values);
    return done(req, reply, `/cases/${id}`, `Report ${result.value.reference} linked to the case`);
  });

  // Status changes: each action of the workflow table has its own page.
  const transitionPage = async (
    req: any,
    reply: any,
    action: string,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const id = params(req).id;
    const { c, access } = await s.cases.header(actorOf(req), id, 'manage');
    const parties =
      action === 'close' ? (await s.cases.repo.parties(id)).filter((p) => p.role === 'victim') : [];
    return page(errors ? reply.code(400) : reply, action === 'close' ? 'close' : 'transition', {
      title: TRANSITION_PAGES[action].title,
      c,
      access,
      action,
      pageInfo: TRANSITION_PAGES[action],
      values,
      errors,
      victims: parties,
      closureReasonItems: itemsOf(CLOSURE_REASONS),
      notInformedItems: itemsOf(NOT_INFORMED_REASONS),
      allowed: caseWorkflow.available(JSON.parse(c.state)).includes(action as CaseAction),
    });
  };

  app.get('/cases/:id/status/:action', { config: MANAGE }, async (req, reply) => {
    const { id, action } = params(req);
    if (action === 'assess') return reply.redirect(`/cases/${id}/risk/new`);
    if (!TRANSITION_PAGES[action]) return reply.callNotFound();
    const values: Record<string, unknown> = {};
    splitDate(values, 'on', s.cases.ctx.today());
    return transitionPage(req, reply, action, values);
  });

  app.post('/cases/:id/status/:action', { config: MANAGE }, async (req, reply) => {
    const { id, action } = params(req);
    if (!TRANSITION_PAGES[action]) return reply.callNotFound();
    const actor = actorOf(req);
    if (action === 'close') {
      const form = parseForm(closeSchema, bodyWithDates(req, ['on', 'victimInformedOn']));
      const result = form.ok
        ? await s.workflow.close(actor, id, form.value!)
        : { ok: false as const, errors: form.errors };
      if (!result.ok) return transitionPage(req, reply, action, form.values, result.errors);
      const letters = result.value.lettersSent;
      return done(
        req,
        reply,
        `/cases/${id}`,
        result.value.banner + (letters ? `. Closure letter sent to the victim${letters > 1 ? 's' : ''}` : ''),
      );
    }
    const schema = action === 'reopen' ? reopenSchema : noteTransitionSchema;
    const form = parseForm(schema, bodyWithDates(req, ['on']));
    const input = form.ok
      ? Object.fromEntries(Object.entries(form.value!).filter(([, v]) => v !== null))
      : {};
    const result = form.ok
      ? await s.workflow.transition(actor, id, action as CaseAction, input)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return transitionPage(req, reply, action, form.values, result.errors);
    return done(req, reply, `/cases/${id}`, result.value.banner);
  });
}
