import type { AppModule } from '../platform/module.js';
import type {
  PersonalDataTable,
  RecordLink,
  RecordTypeDeclaration,
  RetentionKeep,
} from '../platform/personal-data.js';

export interface Catalogue {
  recordTypes: (RecordTypeDeclaration & { module: string })[];
  tables: (PersonalDataTable & { module: string })[];
  keeps: RetentionKeep[];
  outOfScope: { table: string; reason: string; module: string }[];
}

/** Every module's personal-data declaration, gathered. */
export function catalogueOf(modules: readonly Pick<AppModule, 'name' | 'personalData'>[]): Catalogue {
  const c: Catalogue = { recordTypes: [], tables: [], keeps: [], outOfScope: [] };
  for (const m of modules) {
    const d = m.personalData;
    if (!d) continue;
    for (const r of d.recordTypes ?? []) c.recordTypes.push({ ...r, module: m.name });
    for (const t of d.tables) c.tables.push({ ...t, module: m.name });
    c.keeps.push(...(d.keeps ?? []));
    for (const o of d.outOfScope ?? []) c.outOfScope.push({ ...o, module: m.name });
  }
  return c;
}

let loaded: Catalogue | undefined;
let source: readonly Pick<AppModule, 'name' | 'personalData'>[] = [];

/** Called by the module list (src/modules.ts), which this module may not import: it lists privacy too. */
export function useModulesForCatalogue(modules: readonly Pick<AppModule, 'name' | 'personalData'>[]): void {
  source = modules;
  loaded = undefined;
}

/** The catalogue of the modules the module list registered. */
export async function loadCatalogue(): Promise<Catalogue> {
  if (!source.length) throw new Error('No modules registered for the personal-data catalogue');
  if (!loaded) loaded = catalogueOf(source);
  return loaded;
}

/** The record types a table's rows can belong to. */
export function recordTypesOf(t: PersonalDataTable): string[] {
  const link: RecordLink = t.link;
  return 'types' in link ? [...new Set(Object.values(link.types))] : [t.recordType];
}

/** The tables holding a record type's rows, the record's own table last (children are changed first). */
export function tablesFor(c: Catalogue, recordType: string) {
  const rt = c.recordTypes.find((r) => r.code === recordType);
  const tables = c.tables.filter((t) => recordTypesOf(t).includes(recordType));
  return [...tables.filter((t) => t.table !== rt?.table), ...tables.filter((t) => t.table === rt?.table)];
}
