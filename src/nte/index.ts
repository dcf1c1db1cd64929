import { ntePersonalData } from './personal-data.js';
import type { AppModule } from '../platform/module.js';
import { nteMigrations } from './migrations.js';
import { registerNteRoutes } from './routes.js';
import { seedNteDemo } from './demo.js';
import './tables.js';
import type { NteService } from './service.js';
import './jobs.js';

/** The night-time economy: the Monday weekend pack and the monthly Licensing Liaison pack. */
export const nteModule: AppModule<{ nte: NteService }> = {
  name: 'nte',
  personalData: ntePersonalData,
  migrations: nteMigrations,
  routes: registerNteRoutes,
  seedDemo: seedNteDemo,
  nav: [
    { label: 'Night-time economy', href: '/nte', permission: 'premises.read' },
    {
      label: 'Night-time economy settings',
      href: '/nte/settings',
      permission: 'settings.manage',
      admin: true,
      description:
        'The weekend window of the Monday pack, bank-holiday Mondays, and who is told of colour changes',
    },
  ],
};
