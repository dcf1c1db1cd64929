import type { AppModule } from '../platform/module.js';

export const meetingsModule: AppModule = {
  name: 'meetings',
};
