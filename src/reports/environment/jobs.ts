import type { EnvironmentalJobsTable } from '../tables.js';
import { newId } from '../../platform/db/ids.js';

export const JOB_STATES = ['raised', 'scheduled', 'in-progress', 'cleared', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_STATE_LABELS: Record<JobState, string> = {
  raised: 'Raised',
  scheduled: 'Scheduled',
  'in-progress': 'In progress',
  cleared: 'Cleared',
  cancelled: 'Cancelled',
};

/** The job lifecycle as a table: from each state, the actions allowed and the state each leads to. */
export const JOB_TRANSITIONS: Record<
  JobState,
  Partial<Record<'schedule' | 'start' | 'clear' | 'cancel' | 'reopen', JobState>>
> = {
  raised: { schedule: 'scheduled', start: 'in-progress', clear: 'cleared', cancel: 'cancelled' },
  scheduled: { schedule: 'scheduled', start: 'in-progress', clear: 'cleared', cancel: 'cancelled' },
  'in-progress': { clear: 'cleared', cancel: 'cancelled' },
  cleared: { reopen: 'raised' },
  cancelled: { reopen: 'raised' },
};
export type JobAction = keyof (typeof JOB_TRANSITIONS)['raised'] | 'reopen';

export function nextJobState(from: string, action: JobAction): JobState | null {
  return (JOB_TRANSITIONS as Record<string, Partial<Record<JobAction, JobState>>>)[from]?.[action] ?? null;
}

export function newJobRow(j: {
  partnershipId: string;
  reference: string;
  reportId: string;
  categoryCode: string;
  teamId: string | null;
  raisedAt: string;
  targetAt: string;
  locationText: string | null;
  lat: number | null;
  lng: number | null;
}): EnvironmentalJobsTable {
  return {
    id: newId(),
    partnership_id: j.partnershipId,
    reference: j.reference,
    report_id: j.reportId,
    category_code: j.categoryCode,
    team_id: j.teamId,
    state: 'raised',
    assigned_user_id: null,
    raised_at: j.raisedAt,
    target_at: j.targetAt,
    scheduled_for: null,
    started_at: null,
    cleared_at: null,
    cancelled_reason: null,
    notes: null,
    location_text: j.locationText,
    lat: j.lat,
    lng: j.lng,
    updated_at: j.raisedAt,
  };
}
