import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { createMeetingServices } from '../services.js';
import { registerCalendarRoutes } from './public.js';
import { registerMeetingPages } from './meetings.js';
import { registerRecordPages } from './records.js';

export function registerMeetingsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const s = createMeetingServices(deps);
  registerCalendarRoutes(app, deps, s);
  registerMeetingPages(app, s);
  registerRecordPages(app, s);
}
