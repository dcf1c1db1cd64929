import type { AppModule } from '../platform/module.js';

export const peopleModule: AppModule = {
  name: 'people',
};
