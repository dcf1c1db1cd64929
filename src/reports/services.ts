import type { AppDeps } from '../platform/module.js';
import type { PeopleService } from '../people/service.js';
import { ReportService } from './service.js';
import { ReferenceService } from './reference.js';
import { ApiKeyService } from './api/keys.js';
import { ServiceMapService } from './admin/service.js';
import { EnvironmentService } from './environment/service.js';

/** The reports module's services, built once by the composition root. */
export function createReportServices(deps: AppDeps, uses: { people: PeopleService }) {
  const reference = new ReferenceService(deps);
  return {
    reports: new ReportService(deps, { people: uses.people, reference }),
    reference,
    apiKeys: new ApiKeyService(deps),
    serviceMap: new ServiceMapService(deps, { reference }),
    environment: new EnvironmentService(deps, { reference }),
  };
}
export type ReportServices = ReturnType<typeof createReportServices>;
