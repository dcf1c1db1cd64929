import type { AppModule } from '../platform/module.js';

export const casesModule: AppModule = {
  name: 'cases',
};
