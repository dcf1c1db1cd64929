import type { AppDeps } from '../platform/module.js';
import type { ReportService } from '../reports/service.js';
import type { PremisesService } from '../premises/service.js';
import { AnalyticsService } from './service.js';
import { ProfileService } from './profile-service.js';

/** The analysis module's services, built once by the composition root. */
export function createAnalyticsServices(
  deps: AppDeps,
  uses: { reports: ReportService; premises: PremisesService },
) {
  const analytics = new AnalyticsService(deps, uses);
  return { analytics, profiles: new ProfileService(deps, { analytics }) };
}
export type AnalyticsServices = ReturnType<typeof createAnalyticsServices>;
