import type { AppModule } from '../platform/module.js';
import { casesMigrations } from './migrations.js';
import { registerCasesRoutes } from './routes/index.js';
import { seedCasesDemo } from './seed.js';
import './tables.js';
import { casesHome } from './home.js';
import type { CaseServices } from './services.js';
import type { PersonInfoService } from '../people/person-info.js';
import { casesPersonalData } from './personal-data.js';

export const casesModule: AppModule<{ cases: CaseServices; people: { info: PersonInfoService } }> = {
  name: 'cases',
  personalData: casesPersonalData,
  home: casesHome,
  migrations: casesMigrations,
  routes: registerCasesRoutes,
  seedDemo: async (ctx) => {
    await seedCasesDemo(ctx);
  },
  nav: [
    { label: 'Cases', href: '/cases', permission: 'shared.read' },
    { label: 'My work', href: '/my-work', permission: 'cases.read' },
    { label: 'Expiring soon', href: '/expiring-soon', permission: 'cases.read' },
    { label: 'MARAC referrals', href: '/marac-referrals', permission: 'marac.coordinate' },
  ],
};

export { CaseService } from './service.js';
export { createCaseServices, type CaseServices } from './services.js';
