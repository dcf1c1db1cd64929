import { londonTime } from '../../platform/web/views.js';
import { hoursBetween, median } from '../sla.js';

export interface JobFacts {
  category_code: string;
  state: string;
  raised_at: string;
  target_at: string;
  cleared_at: string | null;
}

export interface DashboardCell {
  raised: number;
  cleared: number;
  clearedInTarget: number;
  medianHoursToClear: number | null;
  /** Share of cleared jobs cleared within target, 0-100; null when none cleared. */
  percentInTarget: number | null;
}

const OPEN = new Set(['raised', 'scheduled', 'in-progress']);

function cell(jobs: JobFacts[]): DashboardCell {
  const cleared = jobs.filter((j) => j.state === 'cleared' && j.cleared_at);
  const inTarget = cleared.filter((j) => j.cleared_at! <= j.target_at).length;
  return {
    raised: jobs.length,
    cleared: cleared.length,
    clearedInTarget: inTarget,
    medianHoursToClear: median(cleared.map((j) => hoursBetween(j.raised_at, j.cleared_at!))),
    percentInTarget: cleared.length ? Math.round((inTarget / cleared.length) * 100) : null,
  };
}

/**
 * Time-to-clear by category and month (London time, by the month a job was raised): how many were
 * raised and cleared, the median hours to clear, and the share cleared within the target.
 */
export function buildDashboard(jobs: JobFacts[], nowIso: string) {
  const months = [...new Set(jobs.map((j) => londonTime(j.raised_at, 'yyyy-MM')))].sort();
  const categories = [...new Set(jobs.map((j) => j.category_code))].sort();
  const byKey = new Map<string, JobFacts[]>();
  for (const j of jobs) {
    const k = `${j.category_code}|${londonTime(j.raised_at, 'yyyy-MM')}`;
    byKey.set(k, [...(byKey.get(k) ?? []), j]);
  }
  return {
    months: months.map((m) => ({ key: m, label: londonTime(`${m}-15T12:00:00.000Z`, 'MMM yyyy') })),
    rows: categories.map((c) => ({
      category: c,
      months: months.map((m) => cell(byKey.get(`${c}|${m}`) ?? [])),
      total: cell(jobs.filter((j) => j.category_code === c)),
      open: jobs.filter((j) => j.category_code === c && OPEN.has(j.state)).length,
      overdue: jobs.filter((j) => j.category_code === c && OPEN.has(j.state) && j.target_at < nowIso).length,
    })),
    total: cell(jobs),
  };
}
