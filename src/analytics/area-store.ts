import type { AppDeps } from '../platform/module.js';
import { newId } from '../platform/db/ids.js';
import { AuditService } from '../platform/audit/service.js';
import { areasFromGeoJson, bundledCityAreas, type PartnershipAreas } from './areas.js';
import { AnalyticsRepository } from './repository.js';
import type { ImportActor } from './import/summary.js';

/** The partnership's boundary and areas: those loaded for it, or the bundled City of London LSOAs. */
export class AreaStore {
  private readonly repo: AnalyticsRepository;
  constructor(private readonly deps: AppDeps) {
    this.repo = new AnalyticsRepository(deps.db);
  }

  async forPartnership(partnershipId: string): Promise<PartnershipAreas> {
    const rows = await this.repo.areas(partnershipId);
    if (rows.length === 0) return bundledCityAreas();
    return areasFromGeoJson({
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature',
        properties: { code: r.code, name: r.name },
        geometry: JSON.parse(r.geometry),
      })),
    });
  }

  /** Replaces the partnership's areas with those of a GeoJSON file (throws BoundaryError when it is unusable). */
  async replace(partnershipId: string, geojson: unknown, actor: ImportActor): Promise<PartnershipAreas> {
    const areas = areasFromGeoJson(geojson);
    const now = this.deps.clock.iso();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.replaceAreas(
        trx,
        partnershipId,
        areas.areas.map((a) => ({
          id: newId(),
          partnership_id: partnershipId,
          code: a.code,
          name: a.name,
          geometry: JSON.stringify(a.geometry),
          created_at: now,
        })),
      );
      await new AuditService(this.deps.db, this.deps.dialect, this.deps.clock).record(
        {
          partnershipId,
          userId: actor.userId,
          userLabel: actor.userLabel,
          action: 'analytics.areas-loaded',
          subjectType: 'analytics-areas',
          ip: actor.ip,
          requestId: actor.requestId,
          details: { areas: areas.areas.length, areaKm2: Math.round(areas.boundary.areaM2 / 1e4) / 100 },
        },
        trx,
      );
    });
    return areas;
  }
}
