/**
 * The reports module's figures for the partnership's action plan and board: how people report,
 * how reports are routed, phone intake and repeat callers, environmental jobs cleared. Registered
 * with the plan by the composition root (src/plan-figures.ts); aggregates only, nothing personal.
 */
import type { AppDeps } from '../platform/module.js';
import { ReportFiguresRepository } from './figures-repository.js';
import { hoursBetween, median } from './sla.js';
import { londonTime } from '../platform/web/views.js';

const CHANNELS: [string, string][] = [
  ['web', 'Online'],
  ['phone', 'Phone'],
  ['staff', 'Staff'],
  ['open311', 'Partner systems'],
  ['api', 'API'],
];

/** Reports by month (London time) and channel, for the board dashboard. */
export const reportPlanTables = [
  {
    key: 'reports.by-month-channel',
    label: 'Reports by month and channel',
    detailHref: '/queue',
    rows: async (deps: AppDeps, pid: string, w: Window) => {
      const reports = await repo(deps).reportTimes(pid, w);
      const months = [...new Set(reports.map((r) => londonTime(r.created_at, 'yyyy-MM')))].sort();
      const used = CHANNELS.filter(([c]) => reports.some((r) => r.channel === c));
      return {
        columns: used.map(([, label]) => label),
        rows: months.map((m) => ({
          label: londonTime(`${m}-15T12:00:00Z`, 'MMMM yyyy'),
          values: used.map(
            ([c]) =>
              reports.filter((r) => r.channel === c && londonTime(r.created_at, 'yyyy-MM') === m).length,
          ),
        })),
      };
    },
  },
];

interface Window {
  from: string;
  to: string;
  start: string;
  end: string;
}

const repo = (deps: AppDeps) => new ReportFiguresRepository(deps.db);
const total = (byChannel: Record<string, number>) => Object.values(byChannel).reduce((a, b) => a + b, 0);
const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
const yearBeforeStart = (w: Window) => new Date(Date.parse(w.start) - 365 * 86_400_000).toISOString();

const periodic = { periodic: true, higherIsBetter: true } as const;

export const reportPlanFigures = [
  {
    key: 'reports.total',
    label: 'Reports of ASB made',
    actions: [6],
    detailHref: '/queue',
    unit: 'count',
    ...periodic,
    value: async (deps: AppDeps, pid: string, w: Window) => total(await repo(deps).countByChannel(pid, w)),
  },
  {
    key: 'reports.online-share',
    label: 'Share of reports made online',
    actions: [6],
    detailHref: '/queue',
    unit: 'percent',
    ...periodic,
    value: async (deps: AppDeps, pid: string, w: Window) => {
      const c = await repo(deps).countByChannel(pid, w);
      return share(c.web ?? 0, total(c));
    },
  },
  {
    key: 'reports.routed-share',
    label: 'Share of reports routed to a team',
    actions: [7],
    detailHref: '/queue',
    unit: 'percent',
    ...periodic,
    value: async (deps: AppDeps, pid: string, w: Window) =>
      share(await repo(deps).routed(pid, w), total(await repo(deps).countByChannel(pid, w))),
  },
  {
    key: 'reports.phone',
    label: 'Reports taken by phone',
    actions: [8],
    detailHref: '/queue',
    unit: 'count',
    ...periodic,
    value: async (deps: AppDeps, pid: string, w: Window) =>
      (await repo(deps).countByChannel(pid, w)).phone ?? 0,
  },
  {
    key: 'reports.phone-repeat-callers',
    label: 'Phone reports recognised as from a repeat caller (reported in the 12 months before)',
    actions: [8],
    detailHref: '/people/repeats',
    unit: 'count',
    ...periodic,
    value: (deps: AppDeps, pid: string, w: Window) =>
      repo(deps).repeatPhoneCallers(pid, w, yearBeforeStart(w)),
  },
  {
    key: 'environment.cleared',
    label: 'Environmental jobs cleared',
    actions: [18],
    detailHref: '/environment/dashboard',
    unit: 'count',
    ...periodic,
    value: async (deps: AppDeps, pid: string, w: Window) => (await repo(deps).clearedJobs(pid, w)).length,
  },
  {
    key: 'environment.median-hours-to-clear',
    label: 'Median time to clear an environmental job',
    actions: [18],
    detailHref: '/environment/dashboard',
    unit: 'hours',
    periodic: true,
    higherIsBetter: false,
    value: async (deps: AppDeps, pid: string, w: Window) =>
      median((await repo(deps).clearedJobs(pid, w)).map((j) => hoursBetween(j.raised_at, j.cleared_at!))),
  },
] as const;
