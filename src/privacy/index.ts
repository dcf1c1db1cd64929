import type { AppModule } from '../platform/module.js';
import { privacyMigrations } from './migrations.js';
import { privacyPersonalData } from './personal-data.js';
import { registerPrivacyRoutes } from './routes.js';
import './tables.js';
import './job.js';

export const privacyModule: AppModule = {
  name: 'privacy',
  personalData: privacyPersonalData,
  migrations: privacyMigrations,
  routes: registerPrivacyRoutes,
  nav: [
    { label: 'Data protection', href: '/data-protection', permission: 'privacy.manage' },
    {
      label: 'Records of processing',
      href: '/data-protection/processing',
      permission: 'privacy.manage',
      admin: true,
      description: 'What personal data each part of the service holds, why, and for how long',
    },
  ],
};
