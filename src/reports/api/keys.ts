import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import type { CurrentUser } from '../../platform/auth/users.js';
import { AuditService } from '../../platform/audit/service.js';
import { newId } from '../../platform/db/ids.js';
import { notFound } from '../../platform/web/errors.js';
import { ApiKeyRepository } from './key-repository.js';
import type { PartnerApiKeysTable } from '../tables.js';

/**
 * Rate limit for partner systems: per key (or per address without one), at the key's own limit per
 * minute; requests without a key get `anonymousMax` a minute from each address.
 */
export function apiRateLimit(keys: ApiKeyService, anonymousMax = 30) {
  return {
    hook: 'preHandler' as const,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => {
      const raw = presentedKey(req);
      return raw ? `key:${requestKeyHash(req, raw).slice(0, 16)}` : `ip:${req.ip}`;
    },
    max: async (req: FastifyRequest) =>
      (await keys.authenticateRequest(req))?.rate_limit_per_minute ?? anonymousMax,
  };
}

export const hashKey = (raw: string) => createHash('sha256').update(raw).digest('hex');

// One request's key is hashed and looked up once, however many hooks ask (rate limit, then route).
const requestHashes = new WeakMap<FastifyRequest, { raw: string; hash: string }>();
const requestKeys = new WeakMap<FastifyRequest, Promise<PartnerApiKeysTable | null>>();
function requestKeyHash(req: FastifyRequest, raw: string): string {
  const hit = requestHashes.get(req);
  if (hit && hit.raw === raw) return hit.hash;
  const hash = hashKey(raw);
  requestHashes.set(req, { raw, hash });
  return hash;
}

/** The key a partner system sent: X-API-Key, a Bearer token, or (Open311) api_key in the body or query. */
export function presentedKey(req: FastifyRequest): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header.trim();
  const auth = req.headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const fromBody = (req.body as Record<string, unknown> | undefined)?.api_key;
  if (typeof fromBody === 'string' && fromBody) return fromBody.trim();
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.api_key;
  return typeof fromQuery === 'string' && fromQuery ? fromQuery.trim() : null;
}

const CACHE_MS = 10_000;
const caches = new WeakMap<object, Map<string, { at: number; key: PartnerApiKeysTable | null }>>();

/**
 * API keys per partner system. Only a hash is stored; the key is shown once when made. Lookups
 * are cached for 10 seconds (a revoke in this process clears the cache at once), and the
 * last-used time is written at most once a minute, so checking a key costs no database write.
 */
export class ApiKeyService {
  readonly repo: ApiKeyRepository;
  private readonly audit: AuditService;
  constructor(private readonly deps: AppDeps) {
    this.repo = new ApiKeyRepository(deps.db);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  private cache() {
    let c = caches.get(this.deps.db);
    if (!c) caches.set(this.deps.db, (c = new Map()));
    return c;
  }

  async create(
    user: CurrentUser,
    name: string,
    ratePerMinute: number,
    meta: { ip: string | null; requestId: string | null },
  ): Promise<{ id: string; key: string }> {
    const prefix = randomBytes(4).toString('hex');
    const key = `asbh_${prefix}_${randomBytes(24).toString('base64url')}`;
    const id = newId();
    await this.repo.insert({
      id,
      partnership_id: user.partnershipId,
      name,
      key_prefix: prefix,
      key_hash: hashKey(key),
      rate_limit_per_minute: ratePerMinute,
      created_by_user_id: user.id,
      created_at: this.deps.clock.iso(),
      last_used_at: null,
      revoked_at: null,
    });
    await this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.email,
      action: 'api-key.created',
      subjectType: 'api-key',
      subjectId: id,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { name, prefix },
    });
    return { id, key };
  }

  /** Makes a key without a signed-in user (demo data, benchmarks). */
  async createForSystem(partnershipId: string, name: string, ratePerMinute: number): Promise<string> {
    const prefix = randomBytes(4).toString('hex');
    const key = `asbh_${prefix}_${randomBytes(24).toString('base64url')}`;
    await this.repo.insert({
      id: newId(),
      partnership_id: partnershipId,
      name,
      key_prefix: prefix,
      key_hash: hashKey(key),
      rate_limit_per_minute: ratePerMinute,
      created_by_user_id: null,
      created_at: this.deps.clock.iso(),
      last_used_at: null,
      revoked_at: null,
    });
    return key;
  }

  /** Makes a key from the command line (`asbhub api-keys add`): audited as made by `by`. */
  async createFromCommandLine(partnershipId: string, name: string, ratePerMinute: number, by: string) {
    const key = await this.createForSystem(partnershipId, name, ratePerMinute);
    const row = (await this.repo.byHash(hashKey(key)))!;
    await this.audit.record({
      partnershipId,
      userId: null,
      userLabel: by,
      action: 'api-key.created',
      subjectType: 'api-key',
      subjectId: row.id,
      details: { name, prefix: row.key_prefix, via: 'command line' },
    });
    return { id: row.id, prefix: row.key_prefix, key };
  }

  /** Revokes a key by its id or its prefix from the command line; null when there is no such live key. */
  async revokeFromCommandLine(partnershipId: string, idOrPrefix: string, by: string) {
    const live = (await this.repo.list(partnershipId)).filter(
      (k) => !k.revoked_at && (k.id === idOrPrefix || k.key_prefix === idOrPrefix),
    );
    if (live.length !== 1) return null;
    const key = (await this.repo.revoke(partnershipId, live[0].id, this.deps.clock.iso()))!;
    this.cache().clear();
    await this.audit.record({
      partnershipId,
      userId: null,
      userLabel: by,
      action: 'api-key.revoked',
      subjectType: 'api-key',
      subjectId: key.id,
      details: { name: key.name, via: 'command line' },
    });
    return key;
  }

  /** The live key the request presented (see presentedKey), or null; worked out once a request. */
  authenticateRequest(req: FastifyRequest): Promise<PartnerApiKeysTable | null> {
    let key = requestKeys.get(req);
    if (!key) {
      const raw = presentedKey(req);
      key = this.check(raw, raw && raw.length <= 200 ? requestKeyHash(req, raw) : null);
      requestKeys.set(req, key);
    }
    return key;
  }

  /** The live key for what was presented, or null. */
  authenticate(raw: string | null): Promise<PartnerApiKeysTable | null> {
    return this.check(raw, raw && raw.length <= 200 ? hashKey(raw) : null);
  }

  private async check(raw: string | null, hash: string | null): Promise<PartnerApiKeysTable | null> {
    if (!raw || !hash || raw.length > 200) return null;
    const c = this.cache();
    const hit = c.get(hash);
    let key: PartnerApiKeysTable | null;
    if (hit && Date.now() - hit.at < CACHE_MS) key = hit.key;
    else {
      key = (await this.repo.byHash(hash)) ?? null;
      c.set(hash, { at: Date.now(), key });
    }
    if (!key || key.revoked_at) return null;
    const now = this.deps.clock.now().getTime();
    if (!key.last_used_at || now - new Date(key.last_used_at).getTime() > 60_000) {
      key.last_used_at = new Date(now).toISOString();
      await this.repo.touch(key.id, key.last_used_at);
    }
    return key;
  }

  list(user: CurrentUser) {
    return this.repo.list(user.partnershipId);
  }

  async revoke(
    user: CurrentUser,
    id: string,
    meta: { ip: string | null; requestId: string | null },
  ): Promise<void> {
    const key = await this.repo.revoke(user.partnershipId, id, this.deps.clock.iso());
    if (!key || key.partnership_id !== user.partnershipId) throw notFound('API key');
    this.cache().clear();
    await this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.email,
      action: 'api-key.revoked',
      subjectType: 'api-key',
      subjectId: id,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { name: key.name },
    });
  }
}
