import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { forEachDialect } from '../helpers/db.js';
import { allModules } from '../../src/modules.js';
import { catalogueOf } from '../../src/privacy/catalogue.js';
import type { Db, Dialect } from '../../src/platform/db/database.js';

/** Kysely's own bookkeeping. */
const FRAMEWORK = new Set(['kysely_migration', 'kysely_migration_lock']);

async function schemaColumns(db: Db, dialect: Dialect): Promise<Map<string, Set<string>>> {
  const rows =
    dialect === 'postgres'
      ? (
          await sql<{
            t: string;
            c: string;
          }>`select table_name as t, column_name as c from information_schema.columns
            where table_schema = current_schema()`.execute(db)
        ).rows
      : (
          await sql<{ t: string; c: string }>`select m.name as t, p.name as c from sqlite_master m
            join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%'`.execute(
            db,
          )
        ).rows;
  const out = new Map<string, Set<string>>();
  for (const r of rows) if (!FRAMEWORK.has(r.t)) out.set(r.t, (out.get(r.t) ?? new Set()).add(r.c));
  return out;
}

forEachDialect('personal-data declarations cover the real schema', (ctx) => {
  it('every table is declared or out of scope with a reason, and every column of a declared table is placed', async () => {
    const schema = await schemaColumns(ctx.db, ctx.dialect);
    assert.ok(schema.size > 50, `expected the whole schema, found ${schema.size} tables`);
    const c = catalogueOf(allModules);
    const problems: string[] = [];
    const declared = new Map(c.tables.map((t) => [t.table, t]));
    const outOfScope = new Map(c.outOfScope.map((o) => [o.table, o]));
    for (const [table, columns] of schema) {
      const t = declared.get(table);
      const o = outOfScope.get(table);
      if (t && o) problems.push(`${table}: both declared and out of scope`);
      if (!t && !o) {
        problems.push(`${table}: neither declared (personalData.tables) nor out of scope with a reason`);
        continue;
      }
      if (o && o.reason.trim().length < 10) problems.push(`${table}: out of scope without a real reason`);
      if (!t) continue;
      const placed = [...Object.keys(t.personal), ...t.other, ...(t.staff ?? [])];
      for (const col of columns)
        if (!placed.includes(col))
          problems.push(`${table}.${col}: not declared as personal, staff or other (${t.module})`);
      for (const col of placed)
        if (!columns.has(col)) problems.push(`${table}.${col}: declared but not in the schema`);
      const dup = placed.filter((x, i) => placed.indexOf(x) !== i);
      if (dup.length) problems.push(`${table}: ${dup.join(', ')} placed twice`);
    }
    for (const t of c.tables)
      if (!schema.has(t.table)) problems.push(`${t.table}: declared but no such table`);
    const types = new Set(c.recordTypes.map((r) => r.code));
    for (const t of c.tables) {
      const l = t.link;
      const codes = 'types' in l ? Object.values(l.types) : [t.recordType];
      for (const code of codes)
        if (!types.has(code)) problems.push(`${t.table}: unknown record type ${code}`);
    }
    for (const rt of c.recordTypes) {
      const cols = schema.get(rt.table);
      if (!cols?.has(rt.trigger.column))
        problems.push(`${rt.code}: trigger ${rt.table}.${rt.trigger.column} missing`);
    }
    assert.deepEqual(problems, []);
  });
});
