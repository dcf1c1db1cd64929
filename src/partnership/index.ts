import type { AppModule } from '../platform/module.js';
import { registerPartnershipRoutes } from './routes.js';
import type { PartnershipServices } from './services.js';

export const partnershipModule: AppModule<{ partnership: PartnershipServices }> = {
  name: 'partnership',
  routes: registerPartnershipRoutes,
  nav: [
    {
      label: 'Users',
      href: '/admin/users',
      permission: 'users.manage',
      admin: true,
      description: 'Add staff accounts, reset passwords and security codes, disable accounts',
    },
  ],
};
