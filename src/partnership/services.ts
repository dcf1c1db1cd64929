import type { AppDeps } from '../platform/module.js';
import { UserAdminService } from './users-service.js';

/** The partnership's services: its staff accounts. */
export function createPartnershipServices(deps: AppDeps) {
  return { users: new UserAdminService(deps) };
}
export type PartnershipServices = ReturnType<typeof createPartnershipServices>;
