/**
 * Counts failed attempts per key (a reference, an account) within a window, in this process. Used
 * beside the per-client rate limit so that spreading guesses over many addresses does not help either.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the key has used up its failures for now. */
  blocked(key: string): boolean {
    const entry = this.failures.get(key);
    if (!entry) return false;
    if (entry.resetAt <= this.now()) {
      this.failures.delete(key);
      return false;
    }
    return entry.count >= this.max;
  }

  fail(key: string): void {
    const now = this.now();
    const entry = this.failures.get(key);
    if (!entry || entry.resetAt <= now) this.failures.set(key, { count: 1, resetAt: now + this.windowMs });
    else entry.count++;
    if (this.failures.size > 100_000) this.sweep(now);
  }

  /** Minutes until the key may try again (at least 1). */
  minutesLeft(key: string): number {
    const entry = this.failures.get(key);
    return entry ? Math.max(1, Math.ceil((entry.resetAt - this.now()) / 60_000)) : 1;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
  }
}
