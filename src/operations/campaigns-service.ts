/**
 * Communications campaigns (topic, channels, dates) and their reach and engagement figures, entered
 * or imported from a CSV file (date, channel, reach, engagement). A file with a bad row is refused
 * whole, each problem reported by its line number.
 */
import { z } from 'zod';
import { parse } from 'csv-parse/sync';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import { isIsoDate } from '../platform/dates/calendar-date.js';
import { requiredDate } from '../cases/form-dates.js';
import { CampaignsRepository } from './campaigns-repository.js';
import { CHANNELS } from './labels.js';
import type { Errors } from './contacts-service.js';
import type { CampaignFiguresTable } from './tables.js';

type Channel = keyof typeof CHANNELS;
const CHANNEL_KEYS = Object.keys(CHANNELS) as [Channel, ...Channel[]];
const whole = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .regex(/^\d+$/, `Enter the ${what} as a whole number of 0 or more`)
    .transform(Number);

export const campaignSchema = z.object({
  topic: z
    .string({ error: 'Enter the topic' })
    .trim()
    .min(1, 'Enter the topic')
    .max(200, 'Enter no more than 200 characters'),
  channels: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.enum(CHANNEL_KEYS, { error: 'Choose channels from the list' }))
      .min(1, 'Select at least one channel'),
  ),
  startsOn: requiredDate('the start date'),
  endsOn: requiredDate('the end date'),
});
export type CampaignForm = z.output<typeof campaignSchema>;

export const figuresSchema = z.object({
  recordedOn: requiredDate('the date of the figures'),
  channel: z.enum(CHANNEL_KEYS, { error: 'Select the channel' }),
  reach: whole('reach'),
  engagement: whole('engagement'),
});
export type FiguresForm = z.output<typeof figuresSchema>;

/** Channel names a CSV may use: the code or the label, in any case. */
const channelOf = (v: string): Channel | null => {
  const s = v.trim().toLowerCase();
  return CHANNEL_KEYS.find((k) => k === s || CHANNELS[k].toLowerCase() === s) ?? null;
};

export class CampaignsService {
  private readonly repo: CampaignsRepository;
  constructor(private readonly deps: AppDeps) {
    this.repo = new CampaignsRepository(deps.db);
  }

  async create(user: CurrentUser, f: CampaignForm): Promise<{ errors: Errors; id?: string }> {
    if (f.endsOn < f.startsOn)
      return { errors: { endsOn: 'The end date must be on or after the start date' } };
    const id = newId();
    await this.repo.insertCampaign({
      id,
      partnership_id: user.partnershipId,
      topic: f.topic,
      channels: JSON.stringify(f.channels),
      starts_on: f.startsOn,
      ends_on: f.endsOn,
      created_by: user.id,
      created_at: this.deps.clock.iso(),
    });
    return { errors: {}, id };
  }

  list(partnershipId: string) {
    return this.repo.campaigns(partnershipId);
  }

  async view(user: CurrentUser, id: string) {
    const campaign = await this.repo.campaign(user.partnershipId, id);
    if (!campaign) throw notFound('Campaign');
    const figures = await this.repo.figures(id);
    const byChannel = new Map<string, { reach: number; engagement: number }>();
    for (const f of figures) {
      const t = byChannel.get(f.channel) ?? { reach: 0, engagement: 0 };
      t.reach += f.reach;
      t.engagement += f.engagement;
      byChannel.set(f.channel, t);
    }
    return {
      campaign,
      channels: JSON.parse(campaign.channels) as string[],
      figures,
      totals: [...byChannel.entries()].map(([channel, t]) => ({ channel, ...t })),
    };
  }

  private row(
    user: CurrentUser,
    campaignId: string,
    f: { on: string; channel: Channel; reach: number; engagement: number },
    source: string,
  ) {
    return {
      id: newId(),
      partnership_id: user.partnershipId,
      campaign_id: campaignId,
      recorded_on: f.on,
      channel: f.channel,
      reach: f.reach,
      engagement: f.engagement,
      source,
      created_by: user.id,
      created_at: this.deps.clock.iso(),
    };
  }

  async addFigures(user: CurrentUser, campaignId: string, f: FiguresForm): Promise<Errors> {
    await this.view(user, campaignId);
    await this.repo.insertFigures([this.row(user, campaignId, { on: f.recordedOn, ...f }, 'entered')]);
    return {};
  }

  /** Imports a CSV with columns date, channel, reach, engagement; all rows or none. */
  async importCsv(
    user: CurrentUser,
    campaignId: string,
    csv: string,
  ): Promise<{ errors: Errors; imported: number }> {
    await this.view(user, campaignId);
    let records: string[][];
    try {
      records = parse(csv, {
        skip_empty_lines: true,
        trim: true,
        bom: true,
        relax_column_count: true,
      }) as string[][];
    } catch (err) {
      return {
        errors: { file: `The file could not be read as CSV: ${(err as Error).message}` },
        imported: 0,
      };
    }
    if (!records.length) return { errors: { file: 'The file is empty' }, imported: 0 };
    const header = records[0].map((h) => h.toLowerCase());
    const col = (name: string) => header.indexOf(name);
    const missing = ['date', 'channel', 'reach', 'engagement'].filter((n) => col(n) < 0);
    if (missing.length)
      return {
        errors: {
          file: `Line 1: the file needs the columns date, channel, reach and engagement (missing ${missing.join(', ')})`,
        },
        imported: 0,
      };
    const problems: string[] = [];
    const rows: CampaignFiguresTable[] = [];
    for (const [i, r] of records.slice(1).entries()) {
      const line = i + 2;
      const on = r[col('date')] ?? '';
      const channel = channelOf(r[col('channel')] ?? '');
      const reach = r[col('reach')] ?? '';
      const engagement = r[col('engagement')] ?? '';
      if (!isIsoDate(on)) problems.push(`Line ${line}: the date must be a real date written like 2026-11-30`);
      else if (!channel)
        problems.push(
          `Line ${line}: the channel "${(r[col('channel')] ?? '').slice(0, 40)}" is not one of ${Object.values(CHANNELS).join(', ')}`,
        );
      else if (!/^\d+$/.test(reach))
        problems.push(`Line ${line}: the reach must be a whole number of 0 or more`);
      else if (!/^\d+$/.test(engagement))
        problems.push(`Line ${line}: the engagement must be a whole number of 0 or more`);
      else
        rows.push(
          this.row(
            user,
            campaignId,
            { on, channel, reach: Number(reach), engagement: Number(engagement) },
            'import',
          ),
        );
    }
    if (problems.length)
      return {
        errors: {
          file:
            problems.slice(0, 10).join('. ') +
            (problems.length > 10 ? `. And ${problems.length - 10} more` : ''),
        },
        imported: 0,
      };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertFigures(rows, trx);
    });
    return { errors: {}, imported: rows.length };
  }
}
