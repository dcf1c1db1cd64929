/**
 * Composition: each module's figures registered with the action plan, which shows them as live
 * evidence on its actions and on the board report. Meetings, outreach, operations and the night-time
 * economy register theirs here as those modules arrive.
 */
import { registerPlanFigures, registerPlanTables, type PlanFigureProvider } from './plan/figures.js';
import { reportPlanFigures, reportPlanTables } from './reports/plan-figures.js';
import { caseReviewPlanFigures } from './case-review/plan-figures.js';
import { premisesPlanFigures } from './premises/plan-figures.js';
import { casePlanFigures } from './cases/plan-figures.js';
import { peoplePlanFigures } from './people/plan-figures.js';

const all: readonly PlanFigureProvider[] = [
  ...reportPlanFigures,
  ...caseReviewPlanFigures,
  ...premisesPlanFigures,
  ...casePlanFigures,
  ...peoplePlanFigures,
];

registerPlanFigures(all);
registerPlanTables(reportPlanTables);
