import type { AppDeps } from '../platform/module.js';
import type { ReportService } from '../reports/service.js';
import { PremisesService } from './service.js';
import { VisitService } from './visits.js';
import { InterventionService } from './interventions.js';

/** The licensed premises module's services, built once by the composition root. */
export function createPremisesServices(deps: AppDeps, uses: { reports: ReportService }) {
  const premises = new PremisesService(deps, uses);
  return {
    premises,
    visits: new VisitService(deps, { premises }),
    interventions: new InterventionService(deps),
  };
}
export type PremisesServices = ReturnType<typeof createPremisesServices>;
