/** Roles a user can hold, and what each may do. Default deny: a permission not listed is refused. */
export const ROLES = [
  'administrator',
  'team_manager',
  'officer',
  'call_handler',
  'analyst',
  'coordinator',
  'partner',
  'auditor',
  'outreach_worker',
  'data_protection_officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  team_manager: 'Team manager',
  officer: 'Officer',
  call_handler: 'Call handler',
  analyst: 'Analyst',
  coordinator: 'Coordinator',
  partner: 'Partner (limited access)',
  auditor: 'Auditor',
  outreach_worker: 'Outreach worker',
  data_protection_officer: 'Data protection officer',
};

export const PERMISSIONS = [
  'staff.home', // any signed-in staff member: home page, own account
  'users.manage', // add users, reset passwords, disable accounts
  'settings.manage', // routing table, thresholds, questionnaires
  'audit.read',
  'reports.intake', // telephone and staff intake
  'reports.read', // team queues and report pages (need-to-know applies)
  'reports.manage', // assign, re-route, change state
  'environment.manage', // environmental jobs
  'people.read',
  'people.review', // confirm or reject possible matches
  'cases.read',
  'cases.manage',
  'cases.share',
  'shared.read', // see records shared with one's agency (partners)
  'marac.coordinate',
  'meetings.manage',
  'case-review.manage',
  'premises.read',
  'premises.manage',
  'analytics.read',
  'analytics.import',
  'plan.manage',
  'api.keys',
  'operations.read', // street operations: outreach contacts, street counts, Luscombe tickets
  'operations.record', // record outreach contacts, street counts, hub attendance
  'safeguarding.read', // named safeguarding roles: welfare notes, modern slavery indicators, NRM records
  'privacy.manage', // retention, legal holds, subject access, restriction, records of processing
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const staffCore: Permission[] = [
  'staff.home',
  'reports.read',
  'people.read',
  'cases.read',
  'shared.read',
  'premises.read',
  'operations.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  administrator: [
    ...staffCore,
    'users.manage',
    'settings.manage',
    'audit.read',
    'reports.intake',
    'reports.manage',
    'environment.manage',
    'people.review',
    'cases.manage',
    'cases.share',
    'marac.coordinate',
    'meetings.manage',
    'case-review.manage',
    'premises.manage',
    'analytics.read',
    'analytics.import',
    'plan.manage',
    'api.keys',
    'operations.record',
  ],
  team_manager: [
    ...staffCore,
    'reports.intake',
    'reports.manage',
    'environment.manage',
    'people.review',
    'cases.manage',
    'cases.share',
    'premises.manage',
    'analytics.read',
    'operations.record',
    'safeguarding.read',
  ],
  officer: [
    ...staffCore,
    'reports.intake',
    'reports.manage',
    'environment.manage',
    'people.review',
    'cases.manage',
    'cases.share',
    'premises.manage',
    'operations.record',
  ],
  call_handler: ['staff.home', 'reports.intake', 'reports.read', 'people.read'],
  analyst: [
    'staff.home',
    'reports.read',
    'people.read',
    'analytics.read',
    'analytics.import',
    'premises.read',
    'premises.manage',
    'operations.read',
  ],
  coordinator: [
    ...staffCore,
    'marac.coordinate',
    'meetings.manage',
    'case-review.manage',
    'people.review',
    'plan.manage',
    'analytics.read',
    'cases.manage',
    'operations.record',
    'safeguarding.read',
  ],
  partner: ['staff.home', 'shared.read'],
  auditor: ['staff.home', 'audit.read'],
  // A partner charity's street outreach worker: records contacts and counts, sees people, not cases.
  outreach_worker: ['staff.home', 'people.read', 'operations.read', 'operations.record', 'safeguarding.read'],
  data_protection_officer: ['staff.home', 'audit.read', 'people.read', 'privacy.manage'],
};

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export function can(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}
