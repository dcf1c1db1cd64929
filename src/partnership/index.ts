import type { AppModule } from '../platform/module.js';

export const partnershipModule: AppModule = {
  name: 'partnership',
};
