/** Helpers for the cases tests: reports filed through the reports module, as the public would. */
import type { AppDeps } from '../platform/module.js';
import { ReportService } from '../reports/index.js';

export async function fileTestReport(
  deps: AppDeps,
  partnershipId: string,
  opts: {
    category?: string;
    name?: string;
    email?: string;
    phone?: string;
    description?: string;
    anonymous?: boolean;
  } = {},
): Promise<{ id: string; reference: string }> {
  const reports = new ReportService(deps);
  const created = await reports.create(
    partnershipId,
    {
      channel: 'web',
      categoryCode: opts.category ?? 'harassment',
      hateIncident: false,
      description: opts.description ?? 'The neighbour in flat 3 shouts abuse at me every time I go out.',
      location: {
        text: 'Golden Lane Estate',
        postcode: 'EC1Y 0RN',
        lat: null,
        lng: null,
        precision: 'none',
        contexts: ['housing-estate'],
      },
      occurred: { kind: 'ongoing', at: null, note: null },
      reporter: opts.anonymous
        ? { kind: 'witness', anonymous: true, contactPreference: 'none' }
        : {
            kind: 'victim',
            anonymous: false,
            name: opts.name ?? 'Vera Victim',
            email: opts.email ?? 'vera.victim@example.com',
            phone: opts.phone ?? '07700 900123',
            contactPreference: 'email',
          },
    },
    { kind: 'public' },
    { ip: '127.0.0.1', requestId: null },
  );
  return { id: created.id, reference: created.reference };
}
