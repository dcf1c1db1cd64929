import type { AppDeps } from '../platform/module.js';
import { createCaseServices, type CaseServices } from '../cases/services.js';
import { MeetingsContext } from './context.js';
import { SeriesService } from './series-service.js';
import { AgendaService } from './agenda-service.js';
import { PackService } from './pack-service.js';
import { ConductService } from './conduct-service.js';
import { PublicCalendar } from './calendar.js';

/** The meetings module's services, built once per app and passed by hand. */
export function createMeetingServices(deps: AppDeps, cases: CaseServices = createCaseServices(deps)) {
  const ctx = new MeetingsContext(deps);
  const series = new SeriesService(ctx);
  return {
    ctx,
    series,
    agenda: new AgendaService(ctx, series, cases),
    packs: new PackService(ctx, series, cases),
    conduct: new ConductService(ctx, series, cases),
    calendar: new PublicCalendar(ctx, series),
  };
}
export type MeetingServices = ReturnType<typeof createMeetingServices>;
