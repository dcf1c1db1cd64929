import type { AppDeps } from '../platform/module.js';
import { createCaseServices, type CaseServices } from '../cases/services.js';
import { MeetingsContext } from './context.js';
import { SeriesService } from './series-service.js';
import { AgendaService } from './agenda-service.js';
import { PackService } from './pack-service.js';
import { ConductService } from './conduct-service.js';
import { PublicCalendar } from './calendar.js';

/** The meetings module's services, built once by the composition root (seeding builds its own). */
export function createMeetingServices(
  deps: AppDeps,
  cases: CaseServices = createCaseServices(deps),
  uses: ConstructorParameters<typeof AgendaService>[3] = {},
) {
  const ctx = new MeetingsContext(deps);
  const series = new SeriesService(ctx);
  return {
    ctx,
    series,
    agenda: new AgendaService(ctx, series, cases, uses),
    packs: new PackService(ctx, series, cases),
    conduct: new ConductService(ctx, series, cases),
    calendar: new PublicCalendar(ctx, series),
  };
}
export type MeetingServices = ReturnType<typeof createMeetingServices>;
