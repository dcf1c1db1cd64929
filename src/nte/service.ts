import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import { londonTime } from '../platform/web/views.js';
import { NteRepository } from './repository.js';
import { buildWeekendPack, type WeekendPack } from './weekend-pack.js';
import { buildLlpPack, parseMonth, type LlpPack } from './llp-pack.js';
import { nteSettingsSchema, parseFriday, type NteSettings } from './window.js';
import { llpDocument } from './llp-document.js';
import { weekendDocument, type PackDocument } from './document.js';
import { packPdf } from './pdf.js';
import type { NtePacksTable } from './tables.js';

export type PackKind = 'weekend' | 'llp';
export type Pack = WeekendPack | LlpPack;
type Meta = { ip: string | null; requestId: string | null };
/** Who issues a pack: a signed-in user, or the weekly job. */
export type Issuer = { id: string; label: string } | null;

export interface IssuedPack {
  id: string;
  kind: PackKind;
  period: string;
  version: number;
  title: string;
  issuedAt: string;
  issuedBy: string;
  pack: Pack;
}

const KIND_LABEL: Record<PackKind, string> = {
  weekend: 'Night-time economy weekend pack',
  llp: 'Licensing Liaison Partnership pack',
};

function issued(row: NtePacksTable): IssuedPack {
  return {
    id: row.id,
    kind: row.kind as PackKind,
    period: row.period,
    version: row.version,
    title: row.title,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by_label,
    pack: JSON.parse(row.snapshot) as Pack,
  };
}

/** The night-time economy packs: built from live data, frozen when issued, kept as numbered versions. */
export class NteService {
  readonly repo: NteRepository;
  private readonly audit: AuditService;

  constructor(private readonly deps: AppDeps) {
    this.repo = new NteRepository(deps.db);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  async settings(partnershipId: string): Promise<NteSettings> {
    const saved = await this.repo.settings(partnershipId);
    return nteSettingsSchema.parse(saved ? JSON.parse(saved) : {});
  }

  async saveSettings(user: CurrentUser, input: unknown, meta: Meta): Promise<NteSettings> {
    const s = nteSettingsSchema.parse(input);
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.saveSettings(
        trx,
        user.partnershipId,
        JSON.stringify(s),
        this.deps.clock.iso(),
        user.id,
      );
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'nte.settings-changed',
          details: s,
          ...meta,
        },
        trx,
      );
    });
    return s;
  }

  /** Builds a pack from today's data without issuing it (a preview, or the CLI's figures). */
  async build(partnershipId: string, kind: PackKind, period: string): Promise<Pack> {
    const settings = await this.settings(partnershipId);
    return kind === 'weekend'
      ? buildWeekendPack(this.deps, partnershipId, parseFriday(period), settings)
      : buildLlpPack(this.deps, partnershipId, parseMonth(period));
  }

  /** Builds the pack and freezes it as the next version for its period. */
  async issue(
    partnershipId: string,
    kind: PackKind,
    period: string,
    by: Issuer,
    meta: Meta = { ip: null, requestId: null },
  ): Promise<IssuedPack> {
    const pack = await this.build(partnershipId, kind, period);
    const now = this.deps.clock.iso();
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const version = (await this.repo.latestVersion(trx, partnershipId, kind, period)) + 1;
      const r: NtePacksTable = {
        id: newId(),
        partnership_id: partnershipId,
        kind,
        period,
        version,
        title: pack.title,
        snapshot: JSON.stringify(pack),
        issued_at: now,
        issued_by: by?.id ?? null,
        issued_by_label: by?.label ?? 'Issued automatically',
      };
      await this.repo.insert(trx, r);
      await this.audit.record(
        {
          partnershipId,
          userId: by?.id ?? null,
          userLabel: by?.label ?? 'system',
          action: 'nte.pack-issued',
          subjectType: 'nte-pack',
          subjectId: r.id,
          details: { kind, period, version },
          ...meta,
        },
        trx,
      );
      return r;
    });
    return issued(row);
  }

  async view(
    user: CurrentUser,
    id: string,
    meta: Meta,
    format: 'html' | 'pdf' = 'html',
  ): Promise<IssuedPack> {
    const row = await this.repo.get(user.partnershipId, id);
    if (!row) throw notFound('Pack');
    await this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.email,
      action: 'nte.pack-viewed',
      subjectType: 'nte-pack',
      subjectId: id,
      details: { format },
      ...meta,
    });
    return issued(row);
  }

  list(partnershipId: string) {
    return this.repo.list(partnershipId);
  }

  async latest(partnershipId: string, kind: PackKind, period: string): Promise<IssuedPack | null> {
    const row = await this.repo.latest(partnershipId, kind, period);
    return row ? issued(row) : null;
  }
}

export function packDocument(p: IssuedPack): PackDocument {
  return p.pack.kind === 'weekend' ? weekendDocument(p.pack) : llpDocument(p.pack);
}

export function issuedLine(p: IssuedPack): string {
  return `${KIND_LABEL[p.kind]}, version ${p.version}, issued ${londonTime(p.issuedAt)} by ${p.issuedBy}. Frozen: later changes to the records do not alter it.`;
}

export function renderPackPdf(p: IssuedPack): Promise<Buffer> {
  return packPdf(packDocument(p), issuedLine(p));
}

/**
 * For the meetings module: the pack to attach to an NTE or Licensing Liaison meeting. Returns the
 * latest issued version for the weekend (its Friday) or month (YYYY-MM), issuing one if there is
 * none yet, with the addresses of its page and PDF.
 */
export async function packForMeeting(
  deps: AppDeps,
  partnershipId: string,
  kind: PackKind,
  period: string,
  by: Issuer = null,
): Promise<{ id: string; version: number; title: string; href: string; pdfHref: string }> {
  const service = new NteService(deps);
  const p =
    (await service.latest(partnershipId, kind, period)) ??
    (await service.issue(partnershipId, kind, period, by));
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    href: `/nte/packs/${p.id}`,
    pdfHref: `/nte/packs/${p.id}/pdf`,
  };
}
