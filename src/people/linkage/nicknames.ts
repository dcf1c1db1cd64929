import fs from 'node:fs';

let groups: Map<string, number[]> | null = null;

/** Parses the nickname table: name -> ids of the lines (formal names) it appears on. */
export function parseNicknameTable(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [formal, rest = ''] = line.split(':');
    const names = [formal, ...rest.split(',')].map((n) => n.trim()).filter(Boolean);
    const id = lineNo++;
    for (const n of new Set(names)) {
      const list = out.get(n) ?? [];
      list.push(id);
      out.set(n, list);
    }
  }
  return out;
}

function table(): Map<string, number[]> {
  groups ??= parseNicknameTable(fs.readFileSync(new URL('./nicknames.txt', import.meta.url), 'utf8'));
  return groups;
}

const none: readonly number[] = [];

/** The nickname groups a folded given name belongs to (sorted ids; empty when unknown). */
export function nicknameGroups(name: string): readonly number[] {
  return table().get(name) ?? none;
}

/** True when the two sorted group lists share a group. */
export function shareGroup(a: readonly number[], b: readonly number[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return true;
    if (a[i] < b[j]) i++;
    else j++;
  }
  return false;
}

/** True when the two given names are nicknames of one another (Bill / William, Peggy / Margaret). */
export function areNicknames(a: string, b: string): boolean {
  return a !== b && shareGroup(nicknameGroups(a), nicknameGroups(b));
}
