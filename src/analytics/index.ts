import type { AppModule } from '../platform/module.js';

export const analyticsModule: AppModule = {
  name: 'analytics',
};
