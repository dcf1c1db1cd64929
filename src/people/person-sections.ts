/**
 * Sections other modules add to the person page (street operations adds support and enforcement),
 * registered by those modules so that people never imports a higher module. Each section decides
 * what the viewer may see and audits its own view.
 */
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';

export interface PersonSection {
  /** Template under views/ rendered with `section` set to `data`. */
  template: string;
  data: Record<string, unknown>;
}

export type PersonSectionProvider = (
  deps: AppDeps,
  user: CurrentUser,
  personId: string,
) => Promise<PersonSection | null>;

const providers: PersonSectionProvider[] = [];

export function registerPersonSection(provider: PersonSectionProvider): void {
  if (!providers.includes(provider)) providers.push(provider);
}

export async function personSections(
  deps: AppDeps,
  user: CurrentUser,
  personId: string,
): Promise<PersonSection[]> {
  const out: PersonSection[] = [];
  for (const p of providers) {
    const s = await p(deps, user, personId);
    if (s) out.push(s);
  }
  return out;
}
