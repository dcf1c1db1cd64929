import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/helmet';
import type { CurrentUser } from '../auth/users.js';
import type { Session } from '../auth/sessions.js';
import type { Permission } from '../permissions/roles.js';

/**
 * Who may use a route. 'public': anyone. 'apikey': a partner system's API key (checked by the route's module).
 * A permission: a signed-in staff member whose role holds it.
 */
export type RouteAccess = 'public' | 'apikey' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** false for routes that check their own credential instead of the form CSRF token (API keys). */
    csrf?: boolean;
    /** true for probes and metrics: no session or partnership lookup, so they answer while the database is down. */
    bare?: boolean;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    session: Session | null;
    partnershipId: string;
    /** Creates an anonymous session (setting its cookie) when there is none yet. */
    ensureSession(): Promise<Session>;
    saveSession(): Promise<void>;
    flash(kind: 'success' | 'info', text: string): Promise<void>;
  }
  interface FastifyInstance {
    /** Set when the service runs read-only (the audit log failed its start-up check): why. */
    readOnlyReason: string | null;
    /** True while serve waits for the database and migrates: only the probes answer (see web/starting.ts). */
    starting: boolean;
  }
  interface FastifyReply {
    render(template: string, context?: Record<string, unknown>): Promise<FastifyReply>;
  }
}
