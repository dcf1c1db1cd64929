import type { AppDeps } from '../platform/module.js';
import { loadCatalogue, tablesFor } from './catalogue.js';
import { RetentionService } from './retention-service.js';

const ACTIONS: Record<string, string> = { anonymise: 'anonymised', delete: 'deleted', keep: 'kept' };

/** Records of processing (UK GDPR Art. 30): each record type, the tables holding it, the lawful basis and its schedule. */
export async function processingRows(deps: AppDeps, partnershipId: string) {
  const c = await loadCatalogue();
  const schedules = await new RetentionService(deps).schedules(partnershipId);
  return c.recordTypes.map((rt) => {
    const base = schedules.find((s) => s.recordType === rt.code && !s.agencyId)!;
    const agencyOverrides = schedules.filter((s) => s.recordType === rt.code && s.agencyId);
    return {
      code: rt.code,
      label: rt.label,
      module: rt.module,
      lawfulBasis: rt.lawfulBasis,
      trigger: rt.trigger.label,
      years: base.years,
      action: base.action,
      isDefault: base.isDefault,
      agencyOverrides,
      retention:
        base.action === 'keep'
          ? 'kept: no automatic removal'
          : `${ACTIONS[base.action]} ${base.years} year${base.years === 1 ? '' : 's'} after ${rt.trigger.label}`,
      tables: tablesFor(c, rt.code).map((t) => ({
        table: t.table,
        module: t.module,
        holds: t.holds,
        personal: Object.keys(t.personal),
      })),
    };
  });
}
