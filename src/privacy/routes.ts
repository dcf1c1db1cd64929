import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { scheduleRetention } from './job.js';

export function registerPrivacyRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.addHook('onReady', async () => {
    await scheduleRetention(deps).catch((err: Error) =>
      deps.log.warn({ err: err.message }, 'retention not scheduled'),
    );
  });
}
