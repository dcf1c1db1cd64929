import type { AppModule } from '../platform/module.js';

export const planModule: AppModule = {
  name: 'plan',
};
