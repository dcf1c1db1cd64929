import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/db/clock.js';
import type { AppDeps } from '../../src/platform/module.js';
import type { Services } from '../../src/composition.js';
import type { JobHandlers } from '../../src/platform/jobs.js';
import {
  seedDemoPartnership,
  DEMO_PASSWORD,
  demoTotpSecret,
  type DemoPartnership,
} from '../../src/partnership/demo.js';
import { currentTotp } from '../../src/platform/auth/totp.js';
import { freshDatabase, testConfig, type TestDb } from './db.js';
import type { Dialect } from '../../src/platform/db/database.js';

export const TEST_SEED = 7;

const liveApps = new Set<AppDeps>();

/**
 * Tests sign the same demo account in many times within one 30-second TOTP step, which the server
 * refuses as a replay; this forgets the step used so the next test sign-in can use the current code.
 */
export async function forgetTotpUse(email: string): Promise<void> {
  for (const deps of liveApps)
    await deps.db.updateTable('users').set({ totp_last_step: null }).where('email', '=', email).execute();
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  /** The service graph the app built at start-up (src/composition.ts). */
  services: Services;
  /** The modules' job kinds bound to `services`: `runDueJobs(t.deps, 20, t.jobs)`. */
  jobs: JobHandlers;
  db: TestDb;
  demo: DemoPartnership;
  close(): Promise<void>;
}

/** The whole app on a fresh database with the City partnership and its demo accounts (no bulk demo data). */
export async function startTestApp(
  dialect: Dialect,
  opts: {
    clock?: ReturnType<typeof fixedClock>;
    env?: Record<string, string>;
    onRoute?: (route: RouteOptions) => void;
    /** A logger to use instead of the configured one (tests that read the logs). */
    logger?: Logger;
  } = {},
): Promise<TestApp> {
  const db = await freshDatabase(dialect);
  const config = testConfig(opts.env);
  const { app, deps, services, jobs } = await buildApp({
    config,
    database: db,
    clock: opts.clock,
    onRoute: opts.onRoute,
    logger: opts.logger,
  });
  const demo = await seedDemoPartnership(deps, TEST_SEED);
  await app.ready();
  liveApps.add(deps);
  return {
    app,
    deps,
    services,
    jobs,
    db,
    demo,
    close: async () => {
      liveApps.delete(deps);
      await app.close();
      await db.drop();
    },
  };
}

/** A browser-like client: keeps cookies, reads CSRF tokens from the last page, posts forms. */
export class Client {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1];
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(res);
    return res;
  }

  /** Posts a form with the CSRF token of the last page fetched. */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form))
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      payload: body.toString(),
    });
    this.remember(res);
    return res;
  }

  /** Posts a multipart form (file uploads) with the CSRF token of the last page fetched. */
  async postFiles(
    url: string,
    fields: Record<string, string>,
    files: { field: string; name: string; type: string; data: Buffer }[],
  ): Promise<LightMyRequestResponse> {
    const boundary = `----asbhub${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: this.csrf, ...fields }))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const f of files)
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
        ),
        f.data,
        Buffer.from('\r\n'),
      );
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'x-csrf-token': this.csrf,
      },
      payload: Buffer.concat(parts),
    });
    this.remember(res);
    return res;
  }

  /** Signs in a demo account with its password and a current TOTP code. */
  async signIn(email: string, seed = TEST_SEED): Promise<void> {
    await this.get('/sign-in');
    const r1 = await this.post('/sign-in', { email, password: DEMO_PASSWORD });
    if (r1.statusCode !== 302 || r1.headers.location !== '/sign-in/two-factor')
      throw new Error(`sign-in failed for ${email}: ${r1.statusCode}`);
    await this.get('/sign-in/two-factor');
    await forgetTotpUse(email);
    const r2 = await this.post('/sign-in/two-factor', { code: currentTotp(demoTotpSecret(seed, email)) });
    if (r2.statusCode !== 302) throw new Error(`second factor failed for ${email}: ${r2.statusCode}`);
  }
}

export const DEMO = {
  admin: 'admin@demo.asbhub.example',
  manager: 'manager@demo.asbhub.example',
  officer: 'officer@demo.asbhub.example',
  policeOfficer: 'police.officer@demo.asbhub.example',
  noiseOfficer: 'noise.officer@demo.asbhub.example',
  cleansingOfficer: 'cleansing.officer@demo.asbhub.example',
  estateOfficer: 'estate.officer@demo.asbhub.example',
  callHandler: 'callhandler@demo.asbhub.example',
  analyst: 'analyst@demo.asbhub.example',
  coordinator: 'coordinator@demo.asbhub.example',
  partner: 'partner@demo.asbhub.example',
  auditor: 'auditor@demo.asbhub.example',
};
