import type { AppDeps } from '../../platform/module.js';
import type { ReportService, NewReport, RequestMeta, CreatedReport } from '../service.js';
import { ClientRefRepository } from './client-ref-repository.js';

/** The ids a partner system gave a report: its own report id and the request's Idempotency-Key. */
export function reportClientRefs(externalId: string | null, idempotencyKey: string | null): string[] {
  return [
    ...(externalId ? [`external:${externalId}`] : []),
    ...(idempotencyKey ? [`idempotency:${idempotencyKey}`] : []),
  ];
}

/**
 * Files a report once per client id. The ids are written with the report in one transaction under a
 * unique key, so of several retries arriving together exactly one report is made; the others fail on
 * the key and get the first report back. `made` is null when the report already existed.
 */
export async function createOnce(
  deps: AppDeps,
  reports: ReportService,
  partnershipId: string,
  input: NewReport,
  key: { id: string; name: string },
  meta: RequestMeta,
): Promise<{ id: string; reference: string; made: CreatedReport | null }> {
  const refs = new ClientRefRepository(deps.db);
  const clientRefs = input.clientRefs ?? [];
  const earlier = async () => {
    const id = await refs.find(key.id, clientRefs, 'report');
    return id ? reports.repo.findById(partnershipId, id) : undefined;
  };
  const first = await earlier();
  if (first) return { id: first.id, reference: first.reference, made: null };
  try {
    const made = await reports.create(
      partnershipId,
      input,
      { kind: 'apikey', keyId: key.id, name: key.name },
      meta,
    );
    return { id: made.id, reference: made.reference, made };
  } catch (err) {
    const raced = clientRefs.length ? await earlier() : undefined;
    if (raced) return { id: raced.id, reference: raced.reference, made: null };
    throw err;
  }
}
