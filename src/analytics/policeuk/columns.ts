/** The columns of a police.uk street-level crime file, in the order police.uk writes them. */
export const POLICE_UK_COLUMNS = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const;

export type PoliceUkColumn = (typeof POLICE_UK_COLUMNS)[number];

/** Thrown when a file is not a police.uk street-level crime file at all. */
export class PoliceUkFormatError extends Error {
  constructor(
    message: string,
    readonly expected: readonly string[],
    readonly missing: readonly string[],
    readonly found: readonly string[],
  ) {
    super(message);
  }
}

const normalise = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/** Other files police.uk publishes, recognised so the message can say what was given instead. */
const OTHER_KINDS: { column: string; kind: string }[] = [
  { column: 'outcome type', kind: 'a police.uk outcomes file' },
  { column: 'part of a policing operation', kind: 'a police.uk stop and search file' },
];

/**
 * Maps each expected column to its position in the header (names matched case-insensitively, in
 * any order) or throws a PoliceUkFormatError naming the expected and the missing columns.
 */
export function mapPoliceUkHeader(header: string[], fileName?: string): Record<PoliceUkColumn, number> {
  const found = header.map(normalise);
  const index = {} as Record<PoliceUkColumn, number>;
  const missing: string[] = [];
  for (const col of POLICE_UK_COLUMNS) {
    const i = found.indexOf(col.toLowerCase());
    if (i < 0) missing.push(col);
    else index[col] = i;
  }
  if (missing.length > 0) {
    const other = OTHER_KINDS.find((o) => found.includes(o.column));
    const what = fileName ? `${fileName} is not` : 'this is not';
    const hint = other ? ` (it looks like ${other.kind})` : '';
    throw new PoliceUkFormatError(
      `${what} a police.uk street-level crime file${hint}: missing column(s) ${missing.join(', ')}. ` +
        `Expected the columns: ${POLICE_UK_COLUMNS.join(', ')}. Found: ${header.join(', ') || '(nothing)'}.`,
      POLICE_UK_COLUMNS,
      missing,
      header,
    );
  }
  return index;
}
