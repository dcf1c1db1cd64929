/**
 * Who may see and run a meeting series. A public series (Cluster Panels) is open to all staff; a
 * confidential one (the CCM, tasking) only to its members: the people and agencies listed, its
 * chairs, and meeting coordinators (who hold meetings.manage). Administrators are not members by
 * role: they are added like anyone else.
 */
import { can } from '../platform/permissions/roles.js';
import type { CurrentUser } from '../platform/auth/users.js';
import type { MeetingSeriesTable } from './tables.js';

export interface Chair {
  userId: string;
  name: string;
  agency: string;
}

export interface Member {
  agency_id: string | null;
  user_id: string | null;
}

export interface SeriesAccess {
  /** Sits on the series (or runs meetings). */
  member: boolean;
  /** May open the series' meetings, agendas and packs. */
  see: boolean;
  /** May build and issue agendas, record the meeting and approve minutes. */
  manage: boolean;
}

export function chairsOf(json: string): Chair[] {
  return JSON.parse(json) as Chair[];
}

export function seriesAccess(
  user: CurrentUser,
  s: MeetingSeriesTable,
  members: readonly Member[],
): SeriesAccess {
  const coordinator = can(user.role, 'meetings.manage');
  const chair = chairsOf(s.chairs).some((c) => c.userId === user.id);
  const listed = members.some((m) => m.user_id === user.id || (m.agency_id && m.agency_id === user.agencyId));
  const member = coordinator || chair || listed;
  return {
    member,
    see: member || s.confidentiality === 'public',
    manage: coordinator || chair,
  };
}
