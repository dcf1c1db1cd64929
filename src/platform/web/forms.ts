import type { z } from 'zod';

export interface FormResult<T> {
  ok: boolean;
  value?: T;
  /** field name -> GOV.UK-style message */
  errors: Record<string, string>;
  /** What was typed, to put back in the form. */
  values: Record<string, unknown>;
}

/** Validates a form body with a zod schema; errors are keyed by the first path element of each issue. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const values = (body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {}) as Record<
    string,
    unknown
  >;
  delete values._csrf;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, value: result.data, errors: {}, values };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('-') : 'form';
    if (!errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors, values };
}

/** Form values arrive as a string or a list; this always gives a list. */
export function asList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}
