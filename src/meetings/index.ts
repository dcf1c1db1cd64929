import { meetingsPersonalData } from './personal-data.js';
import type { AppModule } from '../platform/module.js';
import { meetingsMigrations } from './migrations.js';
import { registerMeetingsRoutes } from './routes/index.js';
import { meetingsHome } from './home.js';
import { seedMeetingsDemo } from './demo.js';
import './tables.js';
import './agenda-tasking.js';
import './agenda-nte.js';
import { ACTION_REMINDER_JOB, sendActionReminder } from './reminders.js';
import type { MeetingServices } from './services.js';

export const meetingsModule: AppModule<{ meetings: MeetingServices }> = {
  name: 'meetings',
  personalData: meetingsPersonalData,
  home: meetingsHome,
  migrations: meetingsMigrations,
  routes: registerMeetingsRoutes,
  seedDemo: seedMeetingsDemo,
  jobs: {
    [ACTION_REMINDER_JOB]: (payload, _services, deps) => sendActionReminder(deps, payload),
  },
  nav: [
    {
      label: 'Meetings',
      href: '/meetings',
      permission: 'staff.home',
      description:
        'The meetings you sit on (CCM, tasking, NTE, Licensing Liaison, Cluster Panels) and your meeting actions',
    },
  ],
};

export {
  registerAgendaSectionProvider,
  type AgendaSectionProvider,
  type AgendaContext,
} from './agenda-sections.js';
export { createMeetingServices, type MeetingServices } from './services.js';
