import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import type { CaseServices } from '../services.js';
import type { PersonInfoService } from '../../people/person-info.js';
import { registerCaseRoutes } from './cases.js';
import { registerPartyRoutes } from './parties.js';
import { registerRiskRoutes } from './risk.js';
import { registerActionRoutes } from './actions.js';
import { registerLadderRoutes } from './ladder.js';
import { registerContactRoutes } from './contacts.js';
import { registerSharingRoutes } from './sharing.js';
import { registerMaracRoutes } from './marac.js';
import { registerDocumentRoutes } from './documents.js';
import { registerTimelineRoutes } from './timeline.js';

export function registerCasesRoutes(
  app: FastifyInstance,
  _deps: AppDeps,
  services: { cases: CaseServices; people: { info: PersonInfoService } },
): void {
  const s = services.cases;
  registerCaseRoutes(app, s, services.people.info);
  registerPartyRoutes(app, s);
  registerRiskRoutes(app, s);
  registerActionRoutes(app, s);
  registerLadderRoutes(app, s);
  registerContactRoutes(app, s);
  registerSharingRoutes(app, s);
  registerMaracRoutes(app, s);
  registerDocumentRoutes(app, s);
  registerTimelineRoutes(app, s);
}
