import type { AppDeps } from '../platform/module.js';
import { addDays } from '../platform/dates/calendar-date.js';
import { CaseService } from './service.js';
import { CaseWorkflowService } from './workflow-service.js';
import { PartiesService } from './parties-service.js';
import { RiskService } from './risk-service.js';
import { ActionsService } from './actions-service.js';
import { LadderService } from './ladder-service.js';
import { ContactsService } from './contacts-service.js';
import { SharingService } from './sharing-service.js';
import { MaracService } from './marac-service.js';
import { DocumentsService } from './documents-service.js';
import { TimelineService } from './timeline-service.js';
import type { Actor } from './context.js';
import type { PeopleService } from '../people/service.js';
import type { ReportService } from '../reports/service.js';

/** The cases module's services, built once by the composition root (seeding builds its own). */
export function createCaseServices(
  deps: AppDeps,
  uses: { people?: PeopleService; reports?: ReportService } = {},
) {
  const cases = new CaseService(deps, uses);
  const actions = new ActionsService(cases);
  const risk = new RiskService(cases);
  const ladder = new LadderService(cases);
  const contacts = new ContactsService(cases);
  return {
    cases,
    workflow: new CaseWorkflowService(cases),
    parties: new PartiesService(cases),
    risk,
    actions,
    ladder,
    contacts,
    sharing: new SharingService(cases),
    marac: new MaracService(cases),
    documents: new DocumentsService(cases),
    timeline: new TimelineService(cases),

    /**
     * Everything waiting for the officer: their actions, overdue victim contact, reassessments and
     * expiring powers. The view is audited; `audit: false` where only counts are shown (the home page).
     */
    async myWork(actor: Actor, { audit = true } = {}) {
      const pid = actor.user.partnershipId;
      const today = cases.ctx.today();
      const visible = new Set(await cases.visibleCaseIds(actor, true));
      const mine = (await cases.repo.spocCaseIds(pid, actor.user.id)).filter((id) => visible.has(id));
      const mineSet = new Set(mine);
      const [myActions, overdueContacts, reassessments, expiring] = await Promise.all([
        actions.myWork(actor),
        contacts.overdue(mine),
        risk.repo.reassessmentsDue(pid, mine, addDays(today, 7)),
        ladder.expiringSoon(actor, 14, { audit }),
      ]);
      if (audit)
        await cases.ctx.record(
          actor,
          'case.my-work-viewed',
          { type: 'user', id: actor.user.id },
          { actions: myActions.length, cases: mine.length },
        );
      return {
        actions: myActions,
        overdueContacts,
        reassessments,
        expiring: expiring.filter((e) => mineSet.has(e.caseId)),
        spocCaseCount: mine.length,
      };
    },
  };
}
export type CaseServices = ReturnType<typeof createCaseServices>;
