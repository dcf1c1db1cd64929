import type { AppDeps } from '../platform/module.js';
import type { ReportService } from '../reports/service.js';
import { PremisesService } from './service.js';

/** The licensed premises module's services, built once by the composition root. */
export function createPremisesServices(deps: AppDeps, uses: { reports: ReportService }) {
  return { premises: new PremisesService(deps, uses) };
}
export type PremisesServices = ReturnType<typeof createPremisesServices>;
