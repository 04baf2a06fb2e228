-- Plans with their task trees and targets split down the tree; report forms, reports with their review trail,
-- and reminders to late units. Work tables carry province_code in their keys (Citus); forms are definitions
-- (reference tables).

-- reported metrics hold numbers, yes/no or text; numbers roll up the tree by sum or average
alter table metrics add column value_type text not null default 'number' check (value_type in ('number', 'boolean', 'text'));
alter table metrics add column rollup text not null default 'sum' check (rollup in ('sum', 'avg'));

-- a figure to split targets in proportion to (people living in the unit's area)
alter table orgs add column population integer check (population >= 0);

create table plans (
  province_code char(2) not null,
  id uuid not null,
  org_id uuid not null references orgs (id),
  year smallint not null check (year between 2000 and 2100),
  title text not null,
  status text not null default 'draft' check (status in ('draft', 'issued')),
  issued_at timestamptz,
  copied_from_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (province_code, id)
);
create index plans_org_year_idx on plans (org_id, year);

create table plan_tasks (
  province_code char(2) not null,
  id uuid not null,
  plan_id uuid not null,
  parent_id uuid,
  kind text not null check (kind in ('section', 'item')),
  title text not null,
  body text,
  owner_org_id uuid references orgs (id),
  owner_person_id uuid,
  deadline date,
  sort integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (province_code, plan_id) references plans (province_code, id) on delete cascade,
  foreign key (province_code, parent_id) references plan_tasks (province_code, id) on delete cascade,
  foreign key (province_code, owner_person_id) references persons (province_code, id)
);
create index plan_tasks_plan_idx on plan_tasks (province_code, plan_id, sort);

-- a value of a metric for an org's subtree in a period; parts split from it point to it (parent_target_id)
create table targets (
  province_code char(2) not null,
  id uuid not null,
  plan_id uuid not null,
  task_id uuid not null,
  org_id uuid not null references orgs (id),
  parent_target_id uuid,
  -- null metric and value: a yes/no milestone
  metric_code text references metrics (code),
  value numeric check (value >= 0),
  period text not null,
  deadline date not null,
  milestone_done_on date,
  split_method text check (split_method in ('manual', 'even', 'proportional')),
  split_basis text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (province_code, plan_id) references plans (province_code, id) on delete cascade,
  foreign key (province_code, task_id) references plan_tasks (province_code, id) on delete cascade,
  foreign key (province_code, parent_target_id) references targets (province_code, id) on delete cascade,
  check ((metric_code is null) = (value is null))
);
create index targets_task_idx on targets (province_code, task_id);
create index targets_parent_idx on targets (province_code, parent_target_id);
create index targets_org_period_idx on targets (org_id, period);

create table report_forms (
  id uuid primary key,
  owner_org_id uuid not null references orgs (id),
  name text not null,
  period_type text not null check (period_type in ('month', 'quarter', 'year')),
  -- who reports: the federations at this level in the owner's subtree; null = the owner's direct children
  respondent_level text check (respondent_level in ('city', 'county', 'township', 'village')),
  -- days relative to the last day of the period: opens before it (negative) or after, due after it
  opens_offset_days integer not null default -10,
  due_offset_days integer not null default 5,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index report_forms_owner_idx on report_forms (owner_org_id);

create table report_form_fields (
  form_id uuid not null references report_forms (id) on delete cascade,
  position integer not null,
  kind text not null check (kind in ('metric', 'narrative')),
  metric_code text references metrics (code),
  label text,
  required boolean not null default true,
  primary key (form_id, position),
  check ((kind = 'metric') = (metric_code is not null)),
  check (kind = 'metric' or label is not null)
);

create table reports (
  province_code char(2) not null,
  id uuid not null,
  form_id uuid not null references report_forms (id),
  org_id uuid not null references orgs (id),
  period text not null,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'approved')),
  narrative jsonb not null default '{}',
  submitted_at timestamptz,
  approved_at timestamptz,
  approved_by uuid,
  return_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (province_code, id),
  unique (province_code, form_id, org_id, period)
);
create index reports_form_period_idx on reports (province_code, form_id, period, org_id) include (status, submitted_at);

create table report_values (
  province_code char(2) not null,
  report_id uuid not null,
  metric_code text not null references metrics (code),
  number_value numeric,
  boolean_value boolean,
  text_value text,
  primary key (province_code, report_id, metric_code),
  foreign key (province_code, report_id) references reports (province_code, id) on delete cascade
);

create table report_events (
  province_code char(2) not null,
  id uuid not null,
  report_id uuid not null,
  at timestamptz not null default now(),
  user_id uuid,
  username text,
  action text not null check (action in ('create', 'save', 'submit', 'return', 'approve', 'reopen')),
  reason text,
  primary key (province_code, id),
  foreign key (province_code, report_id) references reports (province_code, id) on delete cascade
);
create index report_events_report_idx on report_events (province_code, report_id, at);

-- "chase": an in-app reminder to a late unit
create table reminders (
  province_code char(2) not null,
  id uuid not null,
  org_id uuid not null references orgs (id),
  form_id uuid references report_forms (id),
  period text,
  message text not null,
  sent_by uuid,
  sent_by_org_id uuid references orgs (id),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (province_code, id)
);
create index reminders_org_idx on reminders (org_id, created_at desc);
