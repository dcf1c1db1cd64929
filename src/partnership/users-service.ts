import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import { UserRepository } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { ROLES, type Role } from '../platform/permissions/roles.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { SessionStore } from '../platform/auth/sessions.js';
import { forbidden, notFound } from '../platform/web/errors.js';

export const newUserSchema = z.object({
  name: z.string().trim().min(1, 'Enter the full name').max(200, 'Full name must be 200 characters or fewer'),
  email: z
    .string()
    .trim()
    .min(1, 'Enter the email address')
    .email('Enter an email address in the correct format, like name@example.com'),
  teamId: z.string().min(1, 'Select the team'),
  role: z.enum(ROLES, { message: 'Select the role' }),
});

/** A temporary password to give the person once; they choose their own after signing in. */
export const temporaryPassword = () => randomBytes(9).toString('base64url') + '-Tmp';

/** Administrators add users, reset passwords and second factors, and disable accounts. */
export class UserAdminService {
  private readonly users: UserRepository;
  private readonly audit: AuditService;
  private readonly sessions: SessionStore;

  constructor(private readonly deps: AppDeps) {
    this.users = new UserRepository(deps.db, deps.clock);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
    this.sessions = new SessionStore(deps.db, deps.clock);
  }

  list(admin: CurrentUser) {
    return this.users.list(admin.partnershipId);
  }

  private async target(admin: CurrentUser, id: string) {
    const u = await this.users.findById(id);
    if (!u) throw notFound('User');
    if (u.partnership_id !== admin.partnershipId) throw forbidden();
    return u;
  }

  get(admin: CurrentUser, id: string) {
    return this.target(admin, id);
  }

  /** Returns field errors, or the new user's id and temporary password. */
  async add(
    admin: CurrentUser,
    input: z.infer<typeof newUserSchema>,
    meta: { ip: string; requestId: string },
  ): Promise<{ errors: Record<string, string> } | { id: string; password: string }> {
    if (await this.users.findByEmail(input.email))
      return { errors: { email: 'A user with this email address already exists' } };
    const team = await this.deps.db
      .selectFrom('teams')
      .select(['id', 'agency_id'])
      .where('id', '=', input.teamId)
      .where('partnership_id', '=', admin.partnershipId)
      .executeTakeFirst();
    if (!team) return { errors: { teamId: 'Select the team' } };
    const password = temporaryPassword();
    const id = await this.users.create({
      partnershipId: admin.partnershipId,
      agencyId: team.agency_id,
      teamId: team.id,
      email: input.email,
      name: input.name,
      role: input.role as Role,
      password,
      mustChangePassword: true,
    });
    await this.log(admin, 'user.added', id, meta, { role: input.role });
    return { id, password };
  }

  async resetPassword(
    admin: CurrentUser,
    id: string,
    meta: { ip: string; requestId: string },
  ): Promise<string> {
    await this.target(admin, id);
    const password = temporaryPassword();
    await this.users.update(id, {
      password_hash: await hashPassword(password),
      must_change_password: 1,
      failed_attempts: 0,
      locked_until: null,
    });
    await this.sessions.destroyForUser(id);
    await this.log(admin, 'user.password-reset', id, meta);
    return password;
  }

  async resetTwoFactor(
    admin: CurrentUser,
    id: string,
    meta: { ip: string; requestId: string },
  ): Promise<void> {
    await this.target(admin, id);
    await this.users.update(id, { totp_secret: null, totp_enabled: 0, recovery_codes: '[]' });
    await this.sessions.destroyForUser(id);
    await this.log(admin, 'user.two-factor-reset', id, meta);
  }

  async setDisabled(
    admin: CurrentUser,
    id: string,
    disabled: boolean,
    meta: { ip: string; requestId: string },
  ): Promise<void> {
    if (id === admin.id) throw forbidden();
    await this.target(admin, id);
    await this.users.update(id, { disabled: disabled ? 1 : 0, failed_attempts: 0, locked_until: null });
    if (disabled) await this.sessions.destroyForUser(id);
    await this.log(admin, disabled ? 'user.disabled' : 'user.enabled', id, meta);
  }

  private log(
    admin: CurrentUser,
    action: string,
    id: string,
    meta: { ip: string; requestId: string },
    details?: Record<string, unknown>,
  ) {
    return this.audit.record({
      partnershipId: admin.partnershipId,
      userId: admin.id,
      userLabel: admin.email,
      action,
      subjectType: 'user',
      subjectId: id,
      details,
      ...meta,
    });
  }
}
