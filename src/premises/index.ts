import type { AppModule } from '../platform/module.js';

export const premisesModule: AppModule = {
  name: 'premises',
};
