/** One action of a partnership's action plan, as published. */
export interface PlanAction {
  number: number;
  theme: string | null;
  title: string;
  owner: string;
  progress: string;
  impact: string;
}

const text = (html: string) =>
  html
    .replace(/<\/p>\s*<p>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();

/**
 * Reads the plan's table: tab-separated rows of action (an optional theme, then "N. title"), owner,
 * progress and impact. Rows without a numbered action are skipped.
 */
export function parseActionPlan(source: string): PlanAction[] {
  const actions: PlanAction[] = [];
  let theme: string | null = null;
  for (const line of source.split(/\r?\n/)) {
    const cells = line.split('\t');
    if (cells.length < 4) continue;
    const first = text(cells[0]);
    const m = /^(?:(.*?)\s+)?(\d+)\.\s+([\s\S]+)$/.exec(first.replace(/\n/g, ' '));
    if (!m) continue;
    if (m[1]?.trim()) theme = m[1].trim();
    actions.push({
      number: Number(m[2]),
      theme,
      title: m[3].trim(),
      owner: text(cells[1]),
      progress: text(cells[2]),
      impact: text(cells[3]),
    });
  }
  return actions;
}
