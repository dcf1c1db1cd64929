import type { Db } from '../platform/db/database.js';
import type { Clock } from '../platform/db/clock.js';
import type { Executor } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { DEFAULT_CATEGORIES, DEFAULT_PLACE_CONTEXTS, DEFAULT_ROUTING, DEFAULT_STATES } from './defaults.js';
import type { ReportCategoriesTable, ReportPlaceContextsTable, ReportStatesTable } from './tables.js';
import './tables.js';

export interface TeamRow {
  id: string;
  code: string;
  name: string;
  email: string | null;
  agency_code: string;
  agency_name: string;
  agency_kind: string;
}

export interface RuleRow {
  id: string;
  category_code: string;
  place_context: string;
  team_id: string;
  team_code: string;
  team_name: string;
  delivery_method: string;
  delivery_email: string | null;
}

/** All SQL about the module's reference data: categories, place contexts, states, the service map. */
export class ReferenceRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  categories(partnershipId: string): Promise<ReportCategoriesTable[]> {
    return this.db
      .selectFrom('report_categories')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('sort_order')
      .execute();
  }

  contexts(partnershipId: string): Promise<ReportPlaceContextsTable[]> {
    return this.db
      .selectFrom('report_place_contexts')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('sort_order')
      .execute();
  }

  states(partnershipId: string): Promise<ReportStatesTable[]> {
    return this.db
      .selectFrom('report_states')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('sort_order')
      .execute();
  }

  rules(partnershipId: string): Promise<RuleRow[]> {
    return this.db
      .selectFrom('report_routing_rules as r')
      .innerJoin('teams as t', 't.id', 'r.team_id')
      .select([
        'r.id',
        'r.category_code',
        'r.place_context',
        'r.team_id',
        't.code as team_code',
        't.name as team_name',
        'r.delivery_method',
        'r.delivery_email',
      ])
      .where('r.partnership_id', '=', partnershipId)
      .where('r.active', '=', 1)
      .orderBy('r.category_code')
      .orderBy('r.place_context')
      .orderBy('t.code')
      .execute();
  }

  teams(partnershipId: string): Promise<TeamRow[]> {
    return this.db
      .selectFrom('teams')
      .innerJoin('agencies', 'agencies.id', 'teams.agency_id')
      .select([
        'teams.id',
        'teams.code',
        'teams.name',
        'teams.email',
        'agencies.code as agency_code',
        'agencies.name as agency_name',
        'agencies.kind as agency_kind',
      ])
      .where('teams.partnership_id', '=', partnershipId)
      .orderBy('teams.code')
      .execute();
  }

  async hasDefaults(partnershipId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('report_states')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .limit(1)
      .executeTakeFirst();
    return !!row;
  }

  /** Installs the default categories, contexts, states and service map; safe to run twice. */
  async installDefaults(partnershipId: string): Promise<void> {
    const now = this.clock.iso();
    await this.db.transaction().execute(async (trx) => {
      if (
        await trx
          .selectFrom('report_states')
          .select('id')
          .where('partnership_id', '=', partnershipId)
          .limit(1)
          .executeTakeFirst()
      )
        return;
      const teams = await trx
        .selectFrom('teams')
        .select(['id', 'code'])
        .where('partnership_id', '=', partnershipId)
        .execute();
      const teamId = new Map(teams.map((t) => [t.code, t.id]));
      await trx
        .insertInto('report_categories')
        .values(
          DEFAULT_CATEGORIES.map((c, i) => ({
            id: newId(),
            partnership_id: partnershipId,
            code: c.code,
            group_code: c.group,
            name: c.name,
            public_name: c.publicName,
            public_description: c.publicDescription,
            nsir_category: c.nsir,
            sla_hours: c.slaHours,
            environmental: c.environmental ? 1 : 0,
            about_people: c.aboutPeople ? 1 : 0,
            active: 1,
            sort_order: i,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('report_place_contexts')
        .values(
          DEFAULT_PLACE_CONTEXTS.map((c, i) => ({
            id: newId(),
            partnership_id: partnershipId,
            code: c.code,
            label: c.label,
            ask_public: c.askPublic ? 1 : 0,
            sort_order: i,
            created_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('report_states')
        .values(
          DEFAULT_STATES.map((s, i) => ({
            id: newId(),
            partnership_id: partnershipId,
            code: s.code,
            label: s.label,
            public_label: s.publicLabel,
            kind: s.kind,
            initial: s.initial ? 1 : 0,
            sort_order: i * 10,
            created_at: now,
          })),
        )
        .execute();
      const rules = DEFAULT_ROUTING.filter((r) => teamId.has(r.team)).map((r) => ({
        id: newId(),
        partnership_id: partnershipId,
        category_code: r.category,
        place_context: r.context,
        team_id: teamId.get(r.team)!,
        delivery_method: r.delivery,
        delivery_email: r.email ?? null,
        active: 1,
        created_at: now,
        updated_at: now,
        updated_by: null,
      }));
      if (rules.length) await trx.insertInto('report_routing_rules').values(rules).execute();
    });
  }

  updateCategory(
    db: Executor,
    partnershipId: string,
    code: string,
    patch: Partial<
      Pick<
        ReportCategoriesTable,
        'sla_hours' | 'public_description' | 'public_name' | 'active' | 'about_people'
      >
    >,
  ) {
    return db
      .updateTable('report_categories')
      .set({ ...patch, updated_at: this.clock.iso() })
      .where('partnership_id', '=', partnershipId)
      .where('code', '=', code)
      .executeTakeFirst();
  }

  async addRule(
    db: Executor,
    partnershipId: string,
    rule: {
      categoryCode: string;
      placeContext: string;
      teamId: string;
      deliveryMethod: string;
      deliveryEmail: string | null;
    },
    userId: string,
  ): Promise<string> {
    const id = newId();
    const now = this.clock.iso();
    await db
      .insertInto('report_routing_rules')
      .values({
        id,
        partnership_id: partnershipId,
        category_code: rule.categoryCode,
        place_context: rule.placeContext,
        team_id: rule.teamId,
        delivery_method: rule.deliveryMethod,
        delivery_email: rule.deliveryEmail,
        active: 1,
        created_at: now,
        updated_at: now,
        updated_by: userId,
      })
      .execute();
    return id;
  }

  async removeRule(db: Executor, partnershipId: string, id: string, userId: string): Promise<boolean> {
    const r = await db
      .updateTable('report_routing_rules')
      .set({ active: 0, updated_at: this.clock.iso(), updated_by: userId })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async addState(
    db: Executor,
    partnershipId: string,
    s: { code: string; label: string; publicLabel: string; kind: 'open' | 'closed' },
  ): Promise<void> {
    const last = await db
      .selectFrom('report_states')
      .select((eb) => eb.fn.max('sort_order').as('m'))
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
    await db
      .insertInto('report_states')
      .values({
        id: newId(),
        partnership_id: partnershipId,
        code: s.code,
        label: s.label,
        public_label: s.publicLabel,
        kind: s.kind,
        initial: 0,
        sort_order: Number(last?.m ?? 0) + 10,
        created_at: this.clock.iso(),
      })
      .execute();
  }
}
