import fs from 'node:fs/promises';
import { CliError } from '../../platform/cli-error.js';

/** A number option, checked: `what` names it in the message. */
export function numberOption(
  value: unknown,
  what: string,
  check: { integer?: boolean; min?: number; max?: number; exclusiveMin?: number } = {},
): number {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
  const bad = (why: string) => new CliError(`${what} must be ${why} (got "${value ?? ''}")`);
  if (value === undefined || value === '' || !Number.isFinite(n)) throw bad('a number');
  if (check.integer && !Number.isInteger(n)) throw bad('a whole number');
  if (check.exclusiveMin !== undefined && !(n > check.exclusiveMin))
    throw bad(`greater than ${check.exclusiveMin}`);
  if (check.min !== undefined && n < check.min) throw bad(`at least ${check.min}`);
  if (check.max !== undefined && n > check.max) throw bad(`at most ${check.max}`);
  return n;
}

export async function readTextFile(file: string, what: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read the ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** JSON with NaN / Infinity written as null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
}

/** A plain text table: first column left-aligned, the rest right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
    .join('\n');
}
