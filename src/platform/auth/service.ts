import type { AppDeps } from '../module.js';
import { AuditService } from '../audit/service.js';
import { MAX_FAILED_ATTEMPTS, UserRepository } from './users.js';
import { SessionStore } from './sessions.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { newRecoveryCodes, newTotpSecret, totpStep, useRecoveryCode } from './totp.js';
import type { UsersTable } from '../tables.js';

export const SIGN_IN_ERROR =
  'Enter a correct email address and password. After 5 wrong tries, wait 15 minutes.';

export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

/** Sign-in rules: password, lockout, the second factor and its recovery codes. */
export class AuthService {
  readonly users: UserRepository;
  private readonly audit: AuditService;

  constructor(private readonly deps: AppDeps) {
    this.users = new UserRepository(deps.db, deps.clock);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  /**
   * Checks email and password. Never says whether the email exists. Each attempt is counted before the
   * password is checked, so parallel guesses cannot get past the lockout threshold.
   */
  async checkPassword(email: string, password: string, meta: RequestMeta): Promise<UsersTable | null> {
    const user = await this.users.findByEmail(email);
    if (!user) {
      await verifyPassword(await dummyHash(), password);
      return null;
    }
    const attempt = await this.users.claimAttempt(user.id);
    const locked = attempt > MAX_FAILED_ATTEMPTS;
    const ok = !locked && (await verifyPassword(user.password_hash, password));
    const refused = !ok || !!user.disabled;
    if (!refused) await this.users.clearAttempts(user.id);
    await this.audit.record({
      partnershipId: user.partnership_id,
      userId: user.id,
      userLabel: user.email,
      action: refused ? 'sign-in.failed' : 'sign-in.password-ok',
      subjectType: 'user',
      subjectId: user.id,
      reason: locked ? 'account locked' : !ok ? 'wrong password' : user.disabled ? 'account disabled' : null,
      ...meta,
    });
    return refused ? null : user;
  }

  /** Second step: a TOTP code not used before, or one of the recovery codes. */
  async checkSecondFactor(userId: string, code: string, meta: RequestMeta): Promise<boolean> {
    const user = await this.users.findById(userId);
    if (!user || !user.totp_secret || user.disabled) return false;
    const attempt = await this.users.claimAttempt(user.id);
    if (attempt > MAX_FAILED_ATTEMPTS) return false;
    const step = totpStep(user.totp_secret, code, this.deps.clock.now().getTime());
    let ok = false;
    let reason: string | null = 'wrong security code';
    if (step !== null) {
      ok = await this.users.useTotpStep(user.id, step);
      if (!ok) reason = 'security code used already';
    } else {
      const remaining = useRecoveryCode(JSON.parse(user.recovery_codes), code);
      if (remaining) {
        ok = true;
        reason = 'recovery code used';
        await this.users.update(user.id, { recovery_codes: JSON.stringify(remaining) });
      }
    }
    if (ok) await this.users.clearAttempts(user.id, { last_sign_in_at: this.deps.clock.iso() });
    await this.audit.record({
      partnershipId: user.partnership_id,
      userId: user.id,
      userLabel: user.email,
      action: ok ? 'sign-in.succeeded' : 'sign-in.failed',
      subjectType: 'user',
      subjectId: user.id,
      reason: ok && reason !== 'recovery code used' ? null : reason,
      ...meta,
    });
    return ok;
  }

  newEnrolmentSecret(): string {
    return newTotpSecret();
  }

  /** Finishes enrolment when the code matches the new secret; returns the recovery codes to show once. */
  async completeEnrolment(
    userId: string,
    secret: string,
    code: string,
    meta: RequestMeta,
  ): Promise<string[] | null> {
    const step = totpStep(secret, code, this.deps.clock.now().getTime());
    if (step === null) return null;
    const user = await this.users.findById(userId);
    if (!user) return null;
    const { codes, hashes } = newRecoveryCodes();
    await this.users.update(userId, {
      totp_secret: secret,
      totp_enabled: 1,
      recovery_codes: JSON.stringify(hashes),
      totp_last_step: step,
      failed_attempts: 0,
      last_sign_in_at: this.deps.clock.iso(),
    });
    await this.audit.record({
      partnershipId: user.partnership_id,
      userId,
      userLabel: user.email,
      action: 'two-factor.enrolled',
      subjectType: 'user',
      subjectId: userId,
      ...meta,
    });
    return codes;
  }

  /** Changes the password and ends the user's other sessions (a stolen session dies with the old password). */
  async changePassword(
    userId: string,
    current: string,
    next: string,
    meta: RequestMeta & { sessionId: string | null },
  ): Promise<Record<string, string>> {
    const user = await this.users.findById(userId);
    if (!user) return { currentPassword: 'Enter your current password' };
    if (!(await verifyPassword(user.password_hash, current)))
      return { currentPassword: 'Your current password is not correct' };
    const problem = passwordProblem(next);
    if (problem) return { newPassword: problem };
    if (next === current) return { newPassword: 'Your new password must be different from your current one' };
    await this.users.update(userId, { password_hash: await hashPassword(next), must_change_password: 0 });
    await new SessionStore(this.deps.db, this.deps.clock).destroyForUser(userId, meta.sessionId ?? undefined);
    await this.audit.record({
      partnershipId: user.partnership_id,
      userId,
      userLabel: user.email,
      action: 'password.changed',
      subjectType: 'user',
      subjectId: userId,
      ip: meta.ip,
      requestId: meta.requestId,
    });
    return {};
  }
}
