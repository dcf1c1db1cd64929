import type { AppModule } from '../platform/module.js';
import { premisesMigrations } from './migrations.js';
import { registerPremisesRoutes } from './routes.js';
import { seedPremisesDemo } from './demo.js';
import './tables.js';
import './colours.js';
import type { PremisesServices } from './services.js';
import { premisesHome } from './home.js';
import { premisesPersonalData } from './personal-data.js';

export const premisesModule: AppModule<{ premises: PremisesServices }> = {
  name: 'premises',
  personalData: premisesPersonalData,
  home: premisesHome,
  migrations: premisesMigrations,
  routes: registerPremisesRoutes,
  seedDemo: seedPremisesDemo,
  nav: [{ label: 'Licensed premises', href: '/premises', permission: 'premises.read' }],
};
