import type { AppDeps } from '../platform/module.js';
import { PlanService } from './service.js';

/** The action plan module's services, built once by the composition root. */
export function createPlanServices(deps: AppDeps) {
  return { plan: new PlanService(deps) };
}
export type PlanServices = ReturnType<typeof createPlanServices>;
