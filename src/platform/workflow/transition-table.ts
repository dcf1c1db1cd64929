/**
 * A workflow as a typed table, status -> action -> transition (after MoJ hmpps-incident-reporting):
 * each transition names its input schema, what must be valid, the new status, the fields it sets
 * and the banner shown after it. `apply` returns the new state or a refusal naming the fields.
 */
import type { z } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

export interface Transition<S extends string, St extends { status: S }, I> {
  /** Extra rules beyond the input's shape, given the current state. */
  check?: (state: St, input: I) => FieldError[];
  to: S | ((state: St, input: I) => S);
  /** The fields the transition sets (status is set for you). */
  set?: (state: St, input: I) => Partial<St>;
  banner: string | ((state: St, input: I) => string);
}

export interface ActionDef<I> {
  label: string;
  input: z.ZodType<I>;
}

export type TransitionResult<S extends string, St> =
  | { ok: true; state: St; from: S; to: S; banner: string }
  | { ok: false; reason: string; errors: FieldError[] };

export interface Workflow<
  S extends string,
  A extends string,
  St extends { status: S },
  Inputs extends Record<A, unknown>,
> {
  statusLabels: Record<S, string>;
  actions: { [K in A]: ActionDef<Inputs[K]> };
  table: { [K in S]: { [X in A]?: Transition<S, St, Inputs[X]> } };
}

export function defineWorkflow<
  S extends string,
  A extends string,
  St extends { status: S },
  Inputs extends Record<A, unknown>,
>(workflow: Workflow<S, A, St, Inputs>) {
  function available(state: St): A[] {
    const row = workflow.table[state.status] ?? {};
    return (Object.keys(row) as A[]).filter((a) => row[a] !== undefined);
  }

  function apply<K extends A>(state: St, action: K, rawInput: unknown): TransitionResult<S, St> {
    const def = workflow.actions[action];
    if (!def) return { ok: false, reason: `There is no action called ${JSON.stringify(action)}`, errors: [] };
    const transition = workflow.table[state.status]?.[action];
    if (!transition) {
      const allowed = available(state).map((a) => workflow.actions[a].label.toLowerCase());
      return {
        ok: false,
        reason: `You cannot ${def.label.toLowerCase()} when the status is ${workflow.statusLabels[state.status] ?? state.status}${
          allowed.length ? `; you can ${allowed.join(', ')}` : ''
        }`,
        errors: [],
      };
    }
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        field: i.path.join('.') || 'input',
        message: i.message,
      }));
      return { ok: false, reason: `Check the details: ${errors.map((e) => e.message).join('; ')}`, errors };
    }
    const input = parsed.data;
    const errors = transition.check?.(state, input) ?? [];
    if (errors.length) {
      return { ok: false, reason: errors.map((e) => e.message).join('; '), errors };
    }
    const to = typeof transition.to === 'function' ? transition.to(state, input) : transition.to;
    const next = { ...state, ...(transition.set?.(state, input) ?? {}), status: to } as St;
    const banner =
      typeof transition.banner === 'function' ? transition.banner(next, input) : transition.banner;
    return { ok: true, state: next, from: state.status, to, banner };
  }

  return { ...workflow, apply, available };
}

/** An error when `on` is before an earlier event that it must follow. */
export function notBefore(
  field: string,
  on: string,
  earlier: string | null | undefined,
  what: string,
): FieldError[] {
  return earlier && on < earlier
    ? [{ field, message: `The date cannot be before ${what} (${earlier})` }]
    : [];
}
