import argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;

// OWASP's argon2id minimum (19 MiB, 2 passes) in tests keeps the suite fast; production uses the library's stronger default.
const COST = process.env.NODE_ENV === 'test' ? { memoryCost: 19_456, timeCost: 2, parallelism: 1 } : {};

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...COST });
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A GOV.UK-style message when the password is not acceptable, otherwise null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  return null;
}

let dummy: Promise<string> | null = null;
/** A verify against this keeps the time of a sign-in with an unknown email like that of a known one. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-used-for-timing');
  return dummy;
}
