/** The City of London's Safer City Partnership: its agencies and teams (DOMAIN.md, the plan's key). */
export const CITY_OF_LONDON = {
  code: 'city-of-london',
  name: 'Safer City Partnership (City of London)',
  agencies: [
    {
      code: 'CoLP',
      name: 'City of London Police',
      kind: 'police',
      teams: [
        { code: 'COLP-LP', name: 'Local Policing' },
        { code: 'COLP-LIC', name: 'Police Licensing' },
        { code: 'COLP-COMMS', name: 'Police Communications' },
        { code: 'COLP-CONTROL', name: 'Control Room' },
        { code: 'COLP-PPHUB', name: 'P&P Hub Analysts' },
      ],
    },
    {
      code: 'CoLC',
      name: 'City of London Corporation',
      kind: 'council',
      teams: [
        { code: 'CCS', name: "Community and Children's Services (Community Safety and Housing)" },
        { code: 'CO', name: 'City Operations (street cleansing, lighting, walkways)' },
        { code: 'PP', name: 'Public Protection (Licensing, Pollution and Noise)' },
        { code: 'TC', name: 'Town Clerk' },
        { code: 'BE', name: 'Barbican Estate' },
      ],
    },
    {
      code: 'SCP',
      name: 'Safer City Partnership board',
      kind: 'board',
      teams: [{ code: 'SCP-BOARD', name: 'Partnership board' }],
    },
    {
      code: 'OUTREACH',
      name: 'Rough sleeping outreach charity',
      kind: 'partner',
      teams: [{ code: 'OUTREACH', name: 'Outreach team' }],
    },
    {
      code: 'PARKGUARD',
      name: 'Parkguard patrols',
      kind: 'partner',
      teams: [{ code: 'PARKGUARD', name: 'Patrol team' }],
    },
    {
      code: 'VS',
      name: 'Victim Support',
      kind: 'partner',
      teams: [{ code: 'VS', name: 'Victim Support caseworkers' }],
    },
  ],
} as const;
