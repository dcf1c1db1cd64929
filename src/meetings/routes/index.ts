import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import type { MeetingServices } from '../services.js';
import { registerCalendarRoutes } from './public.js';
import { registerMeetingPages } from './meetings.js';
import { registerRecordPages } from './records.js';

export function registerMeetingsRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { meetings: MeetingServices },
): void {
  const s = services.meetings;
  registerCalendarRoutes(app, deps, s);
  registerMeetingPages(app, s);
  registerRecordPages(app, s);
}
