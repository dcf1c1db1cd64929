import type { AppDeps } from '../platform/module.js';
import { ReferenceRepository, type RuleRow, type TeamRow } from './reference-repository.js';
import type { RoutingRule } from './routing/resolve.js';
import type { ReportCategoriesTable, ReportPlaceContextsTable, ReportStatesTable } from './tables.js';

/** A partnership's categories, place contexts, states, service map and teams, as one snapshot. */
export interface ReferenceData {
  categories: ReportCategoriesTable[];
  category: Map<string, ReportCategoriesTable>;
  contexts: ReportPlaceContextsTable[];
  states: ReportStatesTable[];
  state: Map<string, ReportStatesTable>;
  initialState: ReportStatesTable;
  ruleRows: RuleRow[];
  rules: RoutingRule[];
  teams: TeamRow[];
  team: Map<string, TeamRow>;
  teamByCode: Map<string, TeamRow>;
}

const TTL_MS = 30_000;
const caches = new WeakMap<object, Map<string, { at: number; data: Promise<ReferenceData> }>>();

/**
 * Reference data is read on every report, so it is cached per process for 30 seconds; edits made
 * through this process clear the cache at once (other processes pick them up within the TTL).
 */
export class ReferenceService {
  readonly repo: ReferenceRepository;
  constructor(private readonly deps: AppDeps) {
    this.repo = new ReferenceRepository(deps.db, deps.clock);
  }

  private cache() {
    let c = caches.get(this.deps.db);
    if (!c) caches.set(this.deps.db, (c = new Map()));
    return c;
  }

  load(partnershipId: string): Promise<ReferenceData> {
    const c = this.cache();
    const hit = c.get(partnershipId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.data;
    const data = this.read(partnershipId);
    c.set(partnershipId, { at: Date.now(), data });
    data.catch(() => c.delete(partnershipId));
    return data;
  }

  invalidate(partnershipId: string): void {
    this.cache().delete(partnershipId);
  }

  private async read(partnershipId: string): Promise<ReferenceData> {
    if (!(await this.repo.hasDefaults(partnershipId))) await this.repo.installDefaults(partnershipId);
    const [categories, contexts, states, ruleRows, teams] = await Promise.all([
      this.repo.categories(partnershipId),
      this.repo.contexts(partnershipId),
      this.repo.states(partnershipId),
      this.repo.rules(partnershipId),
      this.repo.teams(partnershipId),
    ]);
    const initialState = states.find((s) => s.initial === 1) ?? states.find((s) => s.kind === 'open');
    if (!initialState) throw new Error('No open state is defined for reports');
    return {
      categories,
      category: new Map(categories.map((c) => [c.code, c])),
      contexts,
      states,
      state: new Map(states.map((s) => [s.code, s])),
      initialState,
      ruleRows,
      rules: ruleRows.map((r) => ({
        id: r.id,
        categoryCode: r.category_code,
        placeContext: r.place_context,
        teamId: r.team_id,
        deliveryMethod: r.delivery_method === 'email' ? 'email' : 'queue',
        deliveryEmail: r.delivery_email,
      })),
      teams,
      team: new Map(teams.map((t) => [t.id, t])),
      teamByCode: new Map(teams.map((t) => [t.code, t])),
    };
  }
}
