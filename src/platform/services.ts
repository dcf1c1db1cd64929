import type { AppDeps } from './module.js';
import { AuditService } from './audit/service.js';
import { AuthService } from './auth/service.js';

/** The platform's services: the audit log and signing in. */
export function createPlatformServices(deps: AppDeps) {
  return {
    audit: new AuditService(deps.db, deps.dialect, deps.clock),
    auth: new AuthService(deps),
  };
}
export type PlatformServices = ReturnType<typeof createPlatformServices>;
