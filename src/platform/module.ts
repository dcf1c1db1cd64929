import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db, Dialect } from './db/database.js';
import type { Clock } from './db/clock.js';

/** What every module's routes and services are given; passed by hand, no container. */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: Logger;
}

/** A seeded, repeatable random source for demo data. */
export interface Rng {
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export interface DemoSeedContext {
  deps: AppDeps;
  rng: Rng;
  partnershipId: string;
  /** Ids of the demo records other modules may link to (filled in module order). */
  shared: Record<string, unknown>;
}

/** A link in the staff navigation, shown to users holding the permission. */
export interface NavItem {
  label: string;
  href: string;
  permission: import('./permissions/roles.js').Permission;
  /** An administration page: listed on /admin rather than across the top. */
  admin?: boolean;
  /** What the page is for, shown on the home and administration pages. */
  description?: string;
}

/** A line of a home-page card: a count of something waiting, linking to the list of it. */
export interface HomeLine {
  text: string;
  href: string;
  /** Needs attention (overdue, red): shown as a warning. */
  warn?: boolean;
}

/** What a module puts on a signed-in user's home page: the work waiting for them there. */
export interface HomeCard {
  title: string;
  href: string;
  lines: HomeLine[];
}

/** A kind of background job: what runs for one queued row (retried with back-off when it throws). */
export type ModuleJob<S> = (payload: Record<string, unknown>, services: S, deps: AppDeps) => Promise<void>;

/**
 * One domain area: its tables, its pages and API, its jobs and its demo data (its commands are
 * listed in src/commands.ts). `S` is the part of the service graph (src/composition.ts) the module
 * uses, named by the module itself so that it never imports the composition root.
 */
export interface AppModule<S = unknown> {
  name: string;
  nav?: NavItem[];
  /** The module's card on the staff home page for this user, or null when it has nothing for them. */
  home?: (
    deps: AppDeps,
    user: import('./auth/users.js').CurrentUser,
    services: S,
  ) => Promise<HomeCard | null>;
  migrations?: Record<string, Migration>;
  routes?: (app: FastifyInstance, deps: AppDeps, services: S) => void | Promise<void>;
  /** Job kinds this module runs (see platform/jobs.ts), given the services built at start-up. */
  jobs?: Record<string, ModuleJob<S>>;
  seedDemo?: (ctx: DemoSeedContext) => Promise<void>;
  /** The personal data in the module's tables (see platform/personal-data.ts and the privacy README). */
  personalData?: import('./personal-data.js').PersonalDataDeclaration;
}
