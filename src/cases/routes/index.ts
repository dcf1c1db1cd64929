import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { createCaseServices } from '../services.js';
import { registerCaseRoutes } from './cases.js';
import { registerPartyRoutes } from './parties.js';
import { registerRiskRoutes } from './risk.js';
import { registerActionRoutes } from './actions.js';
import { registerLadderRoutes } from './ladder.js';

export function registerCasesRoutes(app: FastifyInstance, deps: AppDeps): void {
  const s = createCaseServices(deps);
  registerCaseRoutes(app, s);
  registerPartyRoutes(app, s);
  registerRiskRoutes(app, s);
  registerActionRoutes(app, s);
  registerLadderRoutes(app, s);
}
