import type { PersonalDataDeclaration } from '../platform/personal-data.js';

const LAWFUL_BASIS =
  'UK GDPR Art. 6(1)(e) public task (ASB, Crime and Policing Act 2014; Care Act 2014 s.42 safeguarding); Art. 9(2)(g) and 9(2)(h) with DPA 2018 Sch. 1 paras 6 and 18 for health, substance use and safeguarding details';

/**
 * Street operations: outreach contacts, hub attendance and modern slavery records are about people
 * seen on the street; patrols, joint operations, counts and campaigns hold activity figures only.
 */
export const operationsPersonalData: PersonalDataDeclaration = {
  recordTypes: [
    {
      code: 'outreach-contact',
      label: 'Outreach contact',
      table: 'outreach_contacts',
      trigger: { column: 'created_at', label: 'contact recorded' },
      defaultYears: 6,
      defaultAction: 'anonymise',
      lawfulBasis: LAWFUL_BASIS,
    },
    {
      code: 'hub-attendance',
      label: 'Intervention hub attendance',
      table: 'hub_attendances',
      trigger: { column: 'attended_on', label: 'hub session' },
      defaultYears: 6,
      defaultAction: 'anonymise',
      lawfulBasis: LAWFUL_BASIS,
    },
    {
      code: 'nrm-record',
      label: 'National Referral Mechanism or Duty to Notify record',
      table: 'nrm_records',
      trigger: { column: 'updated_at', label: 'last decision recorded' },
      defaultYears: 6,
      defaultAction: 'anonymise',
      lawfulBasis:
        'UK GDPR Art. 6(1)(c) legal obligation (Modern Slavery Act 2015 s.52 duty to notify) and 6(1)(e); Art. 9(2)(g) with DPA 2018 Sch. 1 para 18 (safeguarding)',
    },
  ],
  tables: [
    {
      table: 'outreach_contacts',
      holds:
        'a contact with someone on the street: who they are or look like, needs, support, welfare and modern slavery concerns',
      recordType: 'outreach-contact',
      link: { self: true },
      personal: {
        place_detail: 'null',
        given_name: 'null',
        surname: 'null',
        known_as: 'null',
        approx_age: 'null',
        appearance: 'null',
        welfare_notes: 'null',
        slavery_notes: 'null',
      },
      other: [
        'id',
        'partnership_id',
        'status',
        'team_id',
        'occurred_on',
        'occurred_time',
        'occurred_at',
        'place_kind',
        'place_name',
        'lat',
        'lng',
        'person_choice',
        'person_id',
        'person_record_id',
        'seen',
        'needs',
        'support_offered',
        'support_accepted',
        'signposted',
        'welfare_concern',
        'slavery_indicators',
        'created_at',
        'updated_at',
        'submitted_at',
      ],
      staff: ['recorded_by'],
      subjectColumns: ['person_id'],
    },
    {
      table: 'hub_attendances',
      holds: 'a person’s attendance at the intervention hub and the support that followed',
      recordType: 'hub-attendance',
      link: { self: true },
      personal: { notes: 'null' },
      other: [
        'id',
        'partnership_id',
        'person_id',
        'attended_on',
        'attended',
        'partners',
        'outcomes',
        'created_at',
      ],
      staff: ['created_by'],
      subjectColumns: ['person_id'],
    },
    {
      table: 'nrm_records',
      holds: 'a National Referral Mechanism referral or Duty to Notify record and its decisions',
      recordType: 'nrm-record',
      link: { self: true },
      personal: { notes: 'null' },
      other: [
        'id',
        'partnership_id',
        'person_id',
        'contact_id',
        'kind',
        'referred_on',
        'first_responder',
        'reasonable_grounds',
        'reasonable_grounds_on',
        'conclusive_grounds',
        'conclusive_grounds_on',
        'created_at',
        'updated_at',
      ],
      staff: ['referred_by', 'created_by'],
      subjectColumns: ['person_id'],
    },
  ],
  outOfScope: [
    {
      table: 'luscombe_cases',
      reason: 'ids only: which case holds a person’s Luscombe tickets (the case and person are declared)',
    },
    {
      table: 'street_counts',
      reason: 'rough-sleeping totals by night and area: the form takes totals, not people',
    },
    {
      table: 'patrol_shifts',
      reason: 'where and when a patrol went and its activity counts; the patrolling officers are staff',
    },
    {
      table: 'joint_operations',
      reason: 'an operation’s briefing, area, agencies and outcome counts; officers named are staff',
    },
    { table: 'comms_campaigns', reason: 'a communications campaign: topic, channels and dates' },
    { table: 'campaign_figures', reason: 'a campaign’s reach and engagement figures' },
  ],
};
