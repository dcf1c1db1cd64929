import { ANY, HATE_CATEGORY } from '../defaults.js';

export interface RoutingRule {
  id: string;
  categoryCode: string;
  placeContext: string;
  teamId: string;
  deliveryMethod: 'queue' | 'email';
  deliveryEmail: string | null;
}

export interface ResolvedRoute {
  teamId: string;
  deliveryMethod: 'queue' | 'email';
  deliveryEmail: string | null;
  /** Why this team: the rules that matched. */
  because: ('category' | 'category-at-place' | 'place' | 'hate-incident' | 'default')[];
  ruleIds: string[];
}

/**
 * Which teams a report goes to, from the service map:
 * 1. rows for the category at one of the report's place contexts; if there are none, rows for the
 *    category anywhere ('*');
 * 2. plus rows for any category at one of its place contexts (e.g. everything on the Barbican Estate
 *    also goes to the estate office);
 * 3. plus the hate-incident rows when the report is flagged as a hate incident;
 * 4. if nothing matched, the default row ('*' at '*').
 * A team matched by several rows appears once; queue delivery wins over email.
 */
export function resolveRoutes(
  rules: readonly RoutingRule[],
  report: { categoryCode: string; placeContexts: readonly string[]; hateIncident: boolean },
): ResolvedRoute[] {
  const contexts = new Set(report.placeContexts);
  const out = new Map<string, ResolvedRoute>();
  const add = (rule: RoutingRule, because: ResolvedRoute['because'][number]) => {
    const existing = out.get(rule.teamId);
    if (!existing) {
      out.set(rule.teamId, {
        teamId: rule.teamId,
        deliveryMethod: rule.deliveryMethod,
        deliveryEmail: rule.deliveryEmail,
        because: [because],
        ruleIds: [rule.id],
      });
      return;
    }
    if (!existing.because.includes(because)) existing.because.push(because);
    existing.ruleIds.push(rule.id);
    if (rule.deliveryMethod === 'queue') existing.deliveryMethod = 'queue';
  };

  const atPlace = rules.filter((r) => r.categoryCode === report.categoryCode && contexts.has(r.placeContext));
  if (atPlace.length) atPlace.forEach((r) => add(r, 'category-at-place'));
  else
    rules
      .filter((r) => r.categoryCode === report.categoryCode && r.placeContext === ANY)
      .forEach((r) => add(r, 'category'));
  rules
    .filter((r) => r.categoryCode === ANY && r.placeContext !== ANY && contexts.has(r.placeContext))
    .forEach((r) => add(r, 'place'));
  if (report.hateIncident) {
    rules
      .filter(
        (r) => r.categoryCode === HATE_CATEGORY && (r.placeContext === ANY || contexts.has(r.placeContext)),
      )
      .forEach((r) => add(r, 'hate-incident'));
  }
  if (!out.size)
    rules.filter((r) => r.categoryCode === ANY && r.placeContext === ANY).forEach((r) => add(r, 'default'));
  return [...out.values()];
}
