import { createHash } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { AppDeps } from '../platform/module.js';
import { UserRepository } from '../platform/auth/users.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { PartnershipRepository } from './repository.js';
import { CITY_OF_LONDON } from './city-of-london.js';
import type { Role } from '../platform/permissions/roles.js';

export const DEMO_PASSWORD = 'demo-password-2026';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; team: string }[] = [
  { email: 'admin@demo.asbhub.example', name: 'Alex Admin', role: 'administrator', team: 'TC' },
  { email: 'manager@demo.asbhub.example', name: 'Morgan Manager', role: 'team_manager', team: 'CCS' },
  { email: 'officer@demo.asbhub.example', name: 'Olu Officer', role: 'officer', team: 'CCS' },
  { email: 'police.officer@demo.asbhub.example', name: 'Priya Constable', role: 'officer', team: 'COLP-LP' },
  { email: 'noise.officer@demo.asbhub.example', name: 'Nina Noise', role: 'officer', team: 'PP' },
  { email: 'cleansing.officer@demo.asbhub.example', name: 'Sam Streets', role: 'officer', team: 'CO' },
  { email: 'estate.officer@demo.asbhub.example', name: 'Bea Barbican', role: 'officer', team: 'BE' },
  {
    email: 'callhandler@demo.asbhub.example',
    name: 'Casey Caller',
    role: 'call_handler',
    team: 'COLP-CONTROL',
  },
  { email: 'analyst@demo.asbhub.example', name: 'Ana Analyst', role: 'analyst', team: 'COLP-PPHUB' },
  { email: 'coordinator@demo.asbhub.example', name: 'Cory Coordinator', role: 'coordinator', team: 'CCS' },
  { email: 'partner@demo.asbhub.example', name: 'Pat Partner', role: 'partner', team: 'OUTREACH' },
  { email: 'auditor@demo.asbhub.example', name: 'Audrey Auditor', role: 'auditor', team: 'TC' },
  { email: 'outreach@demo.asbhub.example', name: 'Ola Outreach', role: 'outreach_worker', team: 'OUTREACH' },
  {
    email: 'dpo@demo.asbhub.example',
    name: 'Dee Protection',
    role: 'data_protection_officer',
    team: 'TC',
  },
];

/** A demo account's TOTP secret, derived from the seed so that it is the same on every run. */
export function demoTotpSecret(seed: number, email: string): string {
  const bytes = createHash('sha256').update(`${seed}:${email}`).digest().subarray(0, 20);
  return new OTPAuth.Secret({
    buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 20) as ArrayBuffer,
  }).base32;
}

export interface DemoPartnership {
  partnershipId: string;
  agencies: Record<string, string>;
  teams: Record<string, string>;
  users: Record<string, string>;
}

/** The City of London partnership with one demo account per role (and one officer per main team). */
export async function seedDemoPartnership(deps: AppDeps, seed: number): Promise<DemoPartnership> {
  const repo = new PartnershipRepository(deps.db, deps.clock);
  const created = await repo.create(CITY_OF_LONDON);
  const users = new UserRepository(deps.db, deps.clock);
  const ids: Record<string, string> = {};
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    const teamId = created.teams[a.team];
    const team = await deps.db
      .selectFrom('teams')
      .select('agency_id')
      .where('id', '=', teamId)
      .executeTakeFirstOrThrow();
    ids[a.email] = await users.create({
      partnershipId: created.partnershipId,
      agencyId: team.agency_id,
      teamId,
      email: a.email,
      name: a.name,
      role: a.role,
      password: null,
      passwordHash,
      totpSecret: demoTotpSecret(seed, a.email),
    });
  }
  return { ...created, users: ids };
}
