import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types of the schema in migrations/; keep in step with every migration. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** a calendar day as 'YYYY-MM-DD' */
type Day = string;

export type OrgKind = 'federation' | 'new_sector' | 'women_group' | 'online_group' | 'group_member';
export type OrgLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface OrgsTable {
  id: string;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: OrgKind;
  level: OrgLevel | null;
  name: string;
  division_code: string | null;
  province_code: string;
  population: number | null;
  status: Generated<'active' | 'closed'>;
  closed_at: Date | null;
  /** the import that created the org (0011) */
  import_id: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SitesTable {
  province_code: string;
  id: string;
  org_id: string;
  kind: 'womens_home' | 'micro_home';
  name: string;
  address: string | null;
  status: Generated<'active' | 'closed'>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PersonsTable {
  province_code: string;
  id: string;
  org_id: string;
  name: string;
  gender: 'female' | 'male' | null;
  ethnicity: string | null;
  education: string | null;
  political_status: string | null;
  workplace: string | null;
  phone_enc: Buffer | null;
  phone_masked: string | null;
  phone_hash: string | null;
  id_number_enc: Buffer | null;
  id_number_masked: string | null;
  id_number_hash: string | null;
  notes: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** the import that created the person (0011) */
  import_id: Generated<string | null>;
}

export type PositionRole =
  | 'chair'
  | 'vice_chair'
  | 'executive'
  | 'standing_committee'
  | 'representative'
  | 'staff'
  | 'volunteer';
export type AppointmentType = 'full_time' | 'seconded' | 'part_time';

export interface PositionsTable {
  province_code: string;
  id: string;
  person_id: string;
  org_id: string;
  role: PositionRole;
  appointment_type: AppointmentType | null;
  start_date: Day;
  end_date: Day | null;
  term: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type UserRole = 'admin' | 'staff' | 'executive';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  org_id: string;
  role: UserRole;
  person_id: string | null;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  must_change_password: Generated<boolean>;
  disabled: Generated<boolean>;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
}

export interface ActivityKindsTable {
  code: string;
  name: string;
  participant_unit: '人' | '人次';
  owner_org_id: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ActivitiesTable {
  province_code: string;
  id: string;
  org_id: string;
  kind_code: string;
  title: string;
  date: Day;
  place: string | null;
  participants: number;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** the import that created the activity (0011) */
  import_id: Generated<string | null>;
}

export interface ActivityParticipantsTable {
  province_code: string;
  activity_id: string;
  person_id: string;
}

export interface AttachmentsTable {
  province_code: string;
  id: string;
  activity_id: string;
  kind: 'photo' | 'signin_sheet';
  file_name: string;
  mime_type: string;
  size_bytes: number;
  storage_key: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export type MetricUnit = '个' | '人' | '人次' | '户' | '场' | '次' | '期' | '%';

export interface MetricsTable {
  code: string;
  name: string;
  unit: MetricUnit;
  source: 'derived' | 'reported';
  aggregation: 'count_activities' | 'sum_participants' | null;
  kind_codes: string[];
  owner_org_id: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
  value_type: Generated<'number' | 'boolean' | 'text'>;
  rollup: Generated<'sum' | 'avg'>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ActivityRollupsTable {
  province_code: string;
  org_id: string;
  month: Day;
  kind_code: string;
  activity_count: number;
  participant_sum: number;
}

export interface AuditLogTable {
  province_code: string;
  id: string;
  at: CreatedAt;
  user_id: string | null;
  username: string | null;
  org_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface PlansTable {
  province_code: string;
  id: string;
  org_id: string;
  year: number;
  title: string;
  status: Generated<'draft' | 'issued'>;
  issued_at: Date | null;
  copied_from_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PlanTasksTable {
  province_code: string;
  id: string;
  plan_id: string;
  parent_id: string | null;
  kind: 'section' | 'item';
  title: string;
  body: string | null;
  owner_org_id: string | null;
  owner_person_id: string | null;
  deadline: Day | null;
  sort: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TargetsTable {
  province_code: string;
  id: string;
  plan_id: string;
  task_id: string;
  org_id: string;
  parent_target_id: string | null;
  /** null metric and value: a yes/no milestone */
  metric_code: string | null;
  value: number | null;
  period: string;
  deadline: Day;
  milestone_done_on: Day | null;
  split_method: 'manual' | 'even' | 'proportional' | null;
  split_basis: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReportFormsTable {
  id: string;
  owner_org_id: string;
  name: string;
  period_type: 'month' | 'quarter' | 'year';
  respondent_level: 'city' | 'county' | 'township' | 'village' | null;
  opens_offset_days: Generated<number>;
  due_offset_days: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReportFormFieldsTable {
  form_id: string;
  position: number;
  kind: 'metric' | 'narrative';
  metric_code: string | null;
  label: string | null;
  required: Generated<boolean>;
}

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export interface ReportsTable {
  province_code: string;
  id: string;
  form_id: string;
  org_id: string;
  period: string;
  status: Generated<ReportStatus>;
  narrative: Generated<Record<string, string>>;
  submitted_at: Date | null;
  approved_at: Date | null;
  approved_by: string | null;
  return_reason: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReportValuesTable {
  province_code: string;
  report_id: string;
  metric_code: string;
  number_value: number | null;
  boolean_value: boolean | null;
  text_value: string | null;
}

export interface ReportEventsTable {
  province_code: string;
  id: string;
  report_id: string;
  at: CreatedAt;
  user_id: string | null;
  username: string | null;
  action: 'create' | 'save' | 'submit' | 'return' | 'approve' | 'reopen';
  reason: string | null;
}

export interface RemindersTable {
  province_code: string;
  id: string;
  org_id: string;
  form_id: string | null;
  period: string | null;
  message: string;
  sent_by: string | null;
  sent_by_org_id: string | null;
  created_at: CreatedAt;
  read_at: Date | null;
}

export type DocTemplateKind = 'duty_report' | 'quarterly_progress' | 'annual_summary' | 'other';
/** a heading (level 1–4) and its body text with placeholders */
export type DocSectionRow = { level: 1 | 2 | 3 | 4; title: string; body: string };

export interface DocTemplatesTable {
  id: string;
  /** null: a shipped default */
  owner_org_id: string | null;
  name: string;
  kind: DocTemplateKind;
  period_type: 'month' | 'quarter' | 'year';
  title: string;
  sections: ColumnType<DocSectionRow[], string, string>;
  copied_from_id: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DocumentsTable {
  province_code: string;
  id: string;
  org_id: string;
  template_id: string;
  period: string;
  title: string;
  issuer: string;
  issue_date: Day;
  sections: ColumnType<DocSectionRow[], string, string>;
  /** the figures as filled in (documents.figures.ts StoredFigure) */
  figures: ColumnType<unknown[], string, string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: CreatedAt;
}

/** an Excel import (0011) */
export interface ImportJobsTable {
  province_code: string;
  id: string;
  org_id: string;
  kind: 'activities' | 'people' | 'orgs';
  status: Generated<'uploaded' | 'running' | 'succeeded' | 'failed' | 'interrupted'>;
  file_name: string;
  storage_key: string;
  sheet_name: string | null;
  header_row: Generated<number>;
  headers: ColumnType<string[], string | undefined, string>;
  mapping: ColumnType<Record<string, number | null>, string | undefined, string>;
  total_rows: number | null;
  imported_rows: Generated<number>;
  error_count: Generated<number>;
  errors: ColumnType<{ row: number; column: string; message: string }[], string | undefined, string>;
  runner_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface Database {
  orgs: OrgsTable;
  sites: SitesTable;
  persons: PersonsTable;
  positions: PositionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  activity_kinds: ActivityKindsTable;
  activities: ActivitiesTable;
  activity_participants: ActivityParticipantsTable;
  attachments: AttachmentsTable;
  metrics: MetricsTable;
  activity_rollups: ActivityRollupsTable;
  audit_log: AuditLogTable;
  plans: PlansTable;
  plan_tasks: PlanTasksTable;
  targets: TargetsTable;
  report_forms: ReportFormsTable;
  report_form_fields: ReportFormFieldsTable;
  reports: ReportsTable;
  report_values: ReportValuesTable;
  report_events: ReportEventsTable;
  reminders: RemindersTable;
  doc_templates: DocTemplatesTable;
  documents: DocumentsTable;
  import_jobs: ImportJobsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Org = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type OrgUpdate = Updateable<OrgsTable>;
export type Person = Selectable<PersonsTable>;
export type User = Selectable<UsersTable>;
export type Activity = Selectable<ActivitiesTable>;
export type Metric = Selectable<MetricsTable>;
