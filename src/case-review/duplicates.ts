/**
 * A second application for the same victim and the same problem is linked to the first, not counted
 * twice. Same victim: the same person id (repeat identification through PeopleService). Same problem:
 * the same place, or the first application is still open (a victim rarely has two live reviews).
 */
import { addCalendarMonths, type IsoDate } from '../platform/dates/calendar-date.js';

/** One key for a place: the postcode when given, otherwise the words of the location. */
export function placeKeyOf(location: string, postcode: string | null | undefined): string {
  if (postcode && postcode.trim()) return `pc:${postcode.replace(/\s+/g, '').toUpperCase()}`;
  const words = location
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\b(the|and|near|by|at|outside|of|london)\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return `loc:${words.join(' ')}`;
}

export interface EarlierApplication {
  id: string;
  reference: string;
  victimPersonId: string | null;
  placeKey: string;
  receivedOn: IsoDate;
  status: string;
  closure: string | null;
  duplicateOf: string | null;
}

/** How far back an earlier application can be the same problem: the statutory application window. */
export const DUPLICATE_WINDOW_MONTHS = 6;

export function findDuplicate(
  candidate: { victimPersonId: string | null; placeKey: string; receivedOn: IsoDate },
  earlier: readonly EarlierApplication[],
): { of: EarlierApplication; reason: string } | null {
  if (!candidate.victimPersonId) return null;
  const byId = new Map(earlier.map((e) => [e.id, e]));
  const matches = earlier
    .filter((e) => e.victimPersonId === candidate.victimPersonId && e.closure !== 'withdrawn')
    .filter(
      (e) =>
        e.receivedOn <= candidate.receivedOn &&
        addCalendarMonths(e.receivedOn, DUPLICATE_WINDOW_MONTHS) >= candidate.receivedOn,
    )
    .map((e) => ({
      e,
      samePlace: e.placeKey === candidate.placeKey,
      open: e.status !== 'closed',
    }))
    .filter((m) => m.samePlace || m.open)
    .sort(
      (a, b) => Number(b.samePlace) - Number(a.samePlace) || b.e.receivedOn.localeCompare(a.e.receivedOn),
    );
  const best = matches[0];
  if (!best) return null;
  // Link to the first application of the group, so a chain of duplicates stays one group.
  let root = best.e;
  const seen = new Set<string>([root.id]);
  while (root.duplicateOf && byId.has(root.duplicateOf) && !seen.has(root.duplicateOf)) {
    root = byId.get(root.duplicateOf)!;
    seen.add(root.id);
  }
  const reason = best.samePlace
    ? `Same victim and same place as ${best.e.reference}, received ${best.e.receivedOn}`
    : `Same victim as ${best.e.reference}, received ${best.e.receivedOn} and still open`;
  return { of: root, reason };
}
