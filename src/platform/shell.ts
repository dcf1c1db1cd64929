import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps, AppModule, HomeCard, NavItem } from './module.js';
import type { CurrentUser } from './auth/users.js';

/**
 * What the staff home and administration pages show of every module: their links and home cards.
 * Built by the app from the module list, so that the platform never imports the modules above it.
 */
export interface StaffShell {
  nav: NavItem[];
  homeCards(user: CurrentUser, log: FastifyBaseLogger): Promise<HomeCard[]>;
}

/** The day's work first: reports, cases, Case Reviews, then the rest in module order. */
const FIRST = ['reports', 'cases', 'case-review'];

export function createStaffShell<S>(
  modules: readonly AppModule<S>[],
  deps: AppDeps,
  services: S,
): StaffShell {
  const ordered = [...modules].sort(
    (a, b) => (FIRST.indexOf(a.name) + 1 || 99) - (FIRST.indexOf(b.name) + 1 || 99),
  );
  return {
    nav: modules.flatMap((m) => m.nav ?? []),
    async homeCards(user, log) {
      const cards = await Promise.all(
        ordered.map(async (m) => {
          try {
            return (await m.home?.(deps, user, services)) ?? null;
          } catch (err) {
            // One module's summary failing must not take the home page down with it.
            log.error({ module: m.name, err: (err as Error).message }, 'home card failed');
            return null;
          }
        }),
      );
      return cards.filter((c) => c !== null);
    },
  };
}
