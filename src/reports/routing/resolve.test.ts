import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRoutes, type RoutingRule } from './resolve.js';
import { DEFAULT_ROUTING } from '../defaults.js';

const rules: RoutingRule[] = DEFAULT_ROUTING.map((r, i) => ({
  id: `r${i}`,
  categoryCode: r.category,
  placeContext: r.context,
  teamId: r.team,
  deliveryMethod: r.delivery,
  deliveryEmail: r.email ?? null,
}));
const teams = (category: string, contexts: string[] = [], hate = false) =>
  resolveRoutes(rules, { categoryCode: category, placeContexts: contexts, hateIncident: hate })
    .map((r) => r.teamId)
    .sort();

describe('service map resolution', () => {
  it('sends street noise to Public Protection', () =>
    assert.deepEqual(teams('noise-street', ['street']), ['PP']));
  it('sends environmental reports to City Operations', () => {
    for (const c of ['graffiti', 'fly-posting', 'litter-fly-tipping', 'public-urination'])
      assert.deepEqual(teams(c), ['CO']);
  });
  it('sends begging, street drinking and drug use to police and community safety', () => {
    for (const c of ['aggressive-begging', 'street-drinking', 'drug-use'])
      assert.deepEqual(teams(c), ['CCS', 'COLP-LP']);
  });
  it('sends rough sleeping to community safety and emails the outreach partner', () => {
    const r = resolveRoutes(rules, {
      categoryCode: 'rough-sleeping',
      placeContexts: [],
      hateIncident: false,
    });
    assert.deepEqual(r.map((x) => x.teamId).sort(), ['CCS', 'OUTREACH']);
    const outreach = r.find((x) => x.teamId === 'OUTREACH')!;
    assert.equal(outreach.deliveryMethod, 'email');
    assert.equal(outreach.deliveryEmail, 'outreach@partner.example');
  });
  it('lets a category-at-place row replace the category row', () =>
    assert.deepEqual(teams('noise-residential', ['barbican-estate']), ['BE']));
  it('adds place-wide rows to the category rows', () => {
    assert.deepEqual(teams('noise-street', ['barbican-estate']), ['BE', 'PP']);
    assert.deepEqual(teams('street-drinking', ['licensed-premises']), ['CCS', 'COLP-LIC', 'COLP-LP']);
  });
  it('adds the hate-incident teams to any category when flagged', () => {
    assert.deepEqual(teams('graffiti', [], true), ['CCS', 'CO', 'COLP-LP']);
  });
  it('falls back to the default row when nothing matches', () =>
    assert.deepEqual(teams('something-new'), ['CCS']));
  it('lists a team matched by several rows once, with every reason', () => {
    const r = resolveRoutes(rules, {
      categoryCode: 'licensed-premises',
      placeContexts: ['licensed-premises'],
      hateIncident: false,
    });
    const lic = r.filter((x) => x.teamId === 'COLP-LIC');
    assert.equal(lic.length, 1);
    assert.deepEqual(lic[0].because.sort(), ['category', 'place']);
  });
  it('prefers queue delivery when a team is matched by a queue row and an email row', () => {
    const extra: RoutingRule[] = [
      {
        id: 'a',
        categoryCode: 'x',
        placeContext: '*',
        teamId: 'T',
        deliveryMethod: 'email',
        deliveryEmail: 't@example.com',
      },
      {
        id: 'b',
        categoryCode: '*',
        placeContext: 'p',
        teamId: 'T',
        deliveryMethod: 'queue',
        deliveryEmail: null,
      },
    ];
    const [r] = resolveRoutes(extra, { categoryCode: 'x', placeContexts: ['p'], hateIncident: false });
    assert.equal(r.deliveryMethod, 'queue');
  });
});
