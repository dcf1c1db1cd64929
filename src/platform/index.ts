import type { AppModule } from './module.js';

export const platformModule: AppModule = {
  name: 'platform',
};
