import type { AppDeps } from '../platform/module.js';
import { AuditService } from '../platform/audit/service.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { ReportService } from '../reports/service.js';
import { PremisesService } from '../premises/service.js';
import type { PartnershipAreas } from './areas.js';
import { AreaStore } from './area-store.js';
import type { ImportActor } from './import/summary.js';
import { AnalyticsRepository } from './repository.js';
import { loadAsbHubReports, reportRecords } from './sources/asbhub-reports.js';
import {
  ASB_HUB_SOURCE,
  POLICE_UK,
  type AnalysisRecord,
  type RecordQuery,
  type SourceInfo,
} from './sources/record.js';

export interface RequestMeta {
  ip: string;
  requestId: string;
}

export interface NearbyPremises {
  id: string;
  name: string;
  address: string;
  lon: number;
  lat: number;
}

const ASB_HUB_TTL_MS = 30_000;
const asbHubCache = new WeakMap<object, Map<string, { at: number; records: Promise<AnalysisRecord[]> }>>();

/** Where the analysis pages get their data: imported records, ASB Hub's reports, areas, assets, premises. */
export class AnalyticsService {
  readonly repo: AnalyticsRepository;
  readonly areaStore: AreaStore;
  private readonly audit: AuditService;

  private readonly reports: ReportService;
  private readonly premisesService: PremisesService;

  /** `uses`: the services the composition root has already built (made here when absent). */
  constructor(
    private readonly deps: AppDeps,
    uses: { reports?: ReportService; premises?: PremisesService } = {},
  ) {
    this.reports = uses.reports ?? new ReportService(deps);
    this.premisesService = uses.premises ?? new PremisesService(deps, { reports: this.reports });
    this.repo = new AnalyticsRepository(deps.db);
    this.areaStore = new AreaStore(deps);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  areas(partnershipId: string): Promise<PartnershipAreas> {
    return this.areaStore.forPartnership(partnershipId);
  }

  /** Replaces the partnership's areas from GeoJSON (throws BoundaryError when it is unusable). */
  async replaceAreas(partnershipId: string, geojson: unknown, actor: ImportActor): Promise<PartnershipAreas> {
    const areas = await this.areaStore.replace(partnershipId, geojson, actor);
    // ASB Hub's reports are clipped and given areas when read: read them again.
    asbHubCache.get(this.deps.db)?.delete(partnershipId);
    return areas;
  }

  /** Every source with data: police.uk and partner imports, and ASB Hub's own reports. */
  async sources(partnershipId: string): Promise<SourceInfo[]> {
    const [facets, partners, asb] = await Promise.all([
      this.repo.facets(partnershipId),
      this.repo.sources(partnershipId),
      this.asbHub(partnershipId),
    ]);
    const out: SourceInfo[] = [];
    const bySource = new Map<string, typeof facets>();
    for (const f of facets) bySource.set(f.source, [...(bySource.get(f.source) ?? []), f]);
    for (const [code, rows] of bySource) {
      const partner = partners.find((p) => p.code === code);
      out.push({
        code,
        name: code === POLICE_UK ? 'police.uk street-level crime' : (partner?.name ?? code),
        kind: code === POLICE_UK ? 'police-uk' : 'partner',
        hasTimes: rows.some((r) => r.timed > 0),
        categories: rows.map((r) => ({ code: r.category, name: r.category, records: r.records })),
        records: rows.reduce((a, r) => a + r.records, 0),
        firstMonth: rows.reduce((m, r) => (r.firstMonth < m ? r.firstMonth : m), rows[0].firstMonth),
        lastMonth: rows.reduce((m, r) => (r.lastMonth > m ? r.lastMonth : m), rows[0].lastMonth),
      });
    }
    out.sort((a, b) => (a.code === POLICE_UK ? -1 : b.code === POLICE_UK ? 1 : a.name.localeCompare(b.name)));
    const counts = new Map<string, number>();
    for (const r of asb) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    const months = asb.map((r) => r.month).sort();
    out.push({
      code: ASB_HUB_SOURCE,
      name: 'ASB Hub reports',
      kind: 'asb-hub',
      hasTimes: true,
      categories: [...counts]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([name, records]) => ({ code: name, name, records })),
      records: asb.length,
      firstMonth: months[0] ?? null,
      lastMonth: months[months.length - 1] ?? null,
    });
    return out;
  }

  /** Records of a source, category, period and (optionally) area. */
  async records(partnershipId: string, q: RecordQuery): Promise<AnalysisRecord[]> {
    if (q.source === ASB_HUB_SOURCE) {
      return (await this.asbHub(partnershipId)).filter(
        (r) =>
          r.month >= q.monthFrom &&
          r.month <= q.monthTo &&
          (!q.category || r.category === q.category) &&
          (!q.areaCode || r.areaCode === q.areaCode),
      );
    }
    const rows = await this.repo.records(partnershipId, {
      source: q.source,
      category: q.category || undefined,
      monthFrom: q.monthFrom,
      monthTo: q.monthTo,
      areaCode: q.areaCode,
    });
    return rows.map((r) => ({
      category: r.category,
      month: r.month,
      at: r.occurred_at,
      lon: r.lon,
      lat: r.lat,
      x: r.easting,
      y: r.northing,
      location: r.location,
      areaCode: r.area_code,
    }));
  }

  /** ASB Hub's located reports inside the boundary, read at most every 30 seconds per database and partnership. */
  private asbHub(partnershipId: string): Promise<AnalysisRecord[]> {
    let perDb = asbHubCache.get(this.deps.db);
    if (!perDb) asbHubCache.set(this.deps.db, (perDb = new Map()));
    const hit = perDb.get(partnershipId);
    if (hit && Date.now() - hit.at < ASB_HUB_TTL_MS) return hit.records;
    const records = (async () => {
      const areas = await this.areas(partnershipId);
      const reports = await loadAsbHubReports(this.reports, partnershipId, areas);
      const ref = await this.reports.referenceData(partnershipId);
      return reportRecords(reports, areas, (code) => ref.category.get(code)?.name ?? code);
    })();
    perDb.set(partnershipId, { at: Date.now(), records });
    records.catch(() => perDb.delete(partnershipId));
    return records;
  }

  assets(partnershipId: string, kind?: 'cctv' | 'streetlight') {
    return this.repo.assets(partnershipId, kind);
  }

  /** Licensed premises with a location (from the premises module). */
  async premises(partnershipId: string): Promise<NearbyPremises[]> {
    const list = await this.premisesService.list(partnershipId);
    return list
      .filter((p) => p.lat != null && p.lng != null)
      .map((p) => ({
        id: p.id,
        name: p.name,
        address: p.address,
        lon: p.lng as number,
        lat: p.lat as number,
      }));
  }

  async recordView(
    user: CurrentUser,
    action: string,
    subjectType: string,
    subjectId: string | null,
    meta: RequestMeta,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.email,
      action,
      subjectType,
      subjectId,
      ip: meta.ip,
      requestId: meta.requestId,
      details,
    });
  }

  /** Imported records with a time of day in [from, to), with each source's display name. */
  async timedRecords(partnershipId: string, fromIso: string, toIso: string) {
    const [rows, sources] = await Promise.all([
      this.repo.timedRecords(partnershipId, fromIso, toIso),
      this.repo.sources(partnershipId),
    ]);
    const names = new Map(sources.map((s) => [s.code, s.name]));
    return rows.map((r) => ({
      ...r,
      occurred_at: r.occurred_at!,
      sourceName: names.get(r.source) ?? r.source,
    }));
  }
}
