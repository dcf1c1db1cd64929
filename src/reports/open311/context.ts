import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import type { ReportService } from '../service.js';
import type { ApiKeyService } from '../api/keys.js';
import type { PartnerApiKeysTable } from '../tables.js';
import type { Format } from './output.js';

/** What every Open311 route needs: the request's format, and its key when it sent one. */
export interface Open311Context {
  deps: AppDeps;
  reports: ReportService;
  keys: ApiKeyService;
  /** The live key sent, null when none was sent; undefined (after a 403 has been sent) when one was sent but is not valid. */
  keyOf(
    req: FastifyRequest,
    reply: FastifyReply,
    format: Format,
  ): Promise<PartnerApiKeysTable | null | undefined>;
}
