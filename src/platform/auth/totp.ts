import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'ASB Hub';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

const PERIOD_MS = 30_000;

/** The time step (30 s) the 6-digit code belongs to, when it matches now, the step before or after; else null. */
export function totpStep(secret: string, code: string, at = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totpFor(secret, 'x').validate({ token: clean, timestamp: at, window: 1 });
  return delta === null ? null : Math.floor(at / PERIOD_MS) + delta;
}

export function verifyTotp(secret: string, code: string, at = Date.now()): boolean {
  return totpStep(secret, code, at) !== null;
}

export function currentTotp(secret: string, at = Date.now()): string {
  return totpFor(secret, 'x').generate({ timestamp: at });
}

export async function totpQrCode(secret: string, email: string): Promise<{ uri: string; dataUrl: string }> {
  const uri = totpFor(secret, email).toString();
  return { uri, dataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

const hashCode = (c: string) =>
  createHash('sha256').update(c.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

/** Ten one-time recovery codes: the plain codes to show once, and their hashes to store. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashCode) };
}

/** Returns the remaining hashes when the code is one of them, otherwise null. */
export function useRecoveryCode(hashes: string[], code: string): string[] | null {
  const h = Buffer.from(hashCode(code));
  const idx = hashes.findIndex((x) => x.length === h.length && timingSafeEqual(Buffer.from(x), h));
  if (idx < 0) return null;
  return hashes.filter((_, i) => i !== idx);
}
