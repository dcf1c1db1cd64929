import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { HttpError } from '../web/errors.js';

export const MIN_PASSWORD_LENGTH = 12;

// OWASP's argon2id minimum (19 MiB, 2 passes) in tests keeps the suite fast; production uses the library's stronger default.
const COST = process.env.NODE_ENV === 'test' ? { memoryCost: 19_456, timeCost: 2, parallelism: 1 } : {};

/**
 * argon2 runs on libuv's small shared thread pool, which also reads files (static assets) and resolves
 * names. Hashes are let through a few at a time, with a short queue behind them; past that a sign-in
 * gets 503 with Retry-After instead of stalling everything else the server does.
 */
class HashGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  concurrency = 2;
  queue = 16;

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue)
        throw new HttpError(503, 'The service is busy signing people in. Try again in a few seconds.', {
          'retry-after': '5',
        });
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

const gate = new HashGate();

/** Sets how many hashes run at once and how many may wait (HASH_CONCURRENCY, HASH_QUEUE). */
export function configureHashing(settings: { hashConcurrency: number; hashQueue: number }): void {
  gate.concurrency = settings.hashConcurrency;
  gate.queue = settings.hashQueue;
}

export function hashPassword(password: string): Promise<string> {
  return gate.run(() => argon2.hash(password, { type: argon2.argon2id, ...COST }));
}

/** False for a wrong password or an unreadable hash; throws a 503 HttpError when hashing is saturated. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  return gate.run(async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}

const COMMON = new Set<string>(dictionary['passwords-common'] as string[]);

/** A common password, or one with only digits and symbols added to the end of a common password or word. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  const stem = lower.replace(/[\d\W_]+$/, '');
  if (stem.length >= 4 && COMMON.has(stem)) return true;
  return /^(.)\1+$/.test(lower) || new Set(lower).size <= 3;
}

/** A GOV.UK-style message when the password is not acceptable, otherwise null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  if (isCommonPassword(password))
    return 'Choose a password that is harder to guess: this one is on a list of common passwords';
  return null;
}

let dummy: Promise<string> | null = null;
/** A verify against this keeps the time of a sign-in with an unknown email like that of a known one. */
export function dummyHash(): Promise<string> {
  dummy ??= argon2.hash('not-a-real-password-used-for-timing', { type: argon2.argon2id, ...COST });
  return dummy;
}
