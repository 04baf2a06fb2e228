-- Foundation: the org tree, people and positions, users, activities, metrics, audit.
-- Tables that grow with the work carry province_code in their primary and foreign keys so that the schema
-- can be distributed by province on Citus unchanged (see citus/distribute.sql). The org tree and the small
-- definition tables are reference tables. No triggers: Citus refuses them on distributed tables.

create extension if not exists pg_trgm;

create table orgs (
  id uuid primary key,
  parent_id uuid references orgs (id),
  -- materialised path of short segments ending in '.', e.g. '14.07.23.100.'; C collation lets the unique
  -- btree index serve subtree prefix matches (path like '14.07.23.%').
  path text collate "C" not null unique,
  depth smallint not null check (depth >= 0),
  kind text not null check (kind in ('federation', 'new_sector', 'women_group', 'online_group', 'group_member')),
  level text check (level in ('province', 'city', 'county', 'township', 'village')),
  name text not null check (length(name) between 1 and 100),
  division_code text unique,
  province_code char(2) not null,
  status text not null default 'active' check (status in ('active', 'closed')),
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orgs_parent_idx on orgs (parent_id, name);
create index orgs_name_trgm_idx on orgs using gin (name gin_trgm_ops);

create table sites (
  province_code char(2) not null,
  id uuid not null,
  org_id uuid not null references orgs (id),
  kind text not null check (kind in ('womens_home', 'micro_home')),
  name text not null,
  address text,
  status text not null default 'active' check (status in ('active', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (province_code, id)
);
create index sites_org_idx on sites (org_id);

create table persons (
  province_code char(2) not null,
  id uuid not null,
  org_id uuid not null references orgs (id),
  name text not null,
  gender text check (gender in ('female', 'male')),
  ethnicity text,
  education text,
  political_status text,
  workplace text,
  -- personal numbers: AES-256-GCM ciphertext, a masked form for display, and a keyed hash for duplicate checks
  phone_enc bytea,
  phone_masked text,
  phone_hash text,
  id_number_enc bytea,
  id_number_masked text,
  id_number_hash text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (province_code, id)
);
create index persons_org_idx on persons (org_id, name);
create index persons_name_trgm_idx on persons using gin (name gin_trgm_ops);
create index persons_phone_hash_idx on persons (province_code, phone_hash);
create index persons_id_number_hash_idx on persons (province_code, id_number_hash);

create table positions (
  province_code char(2) not null,
  id uuid not null,
  person_id uuid not null,
  org_id uuid not null references orgs (id),
  role text not null check (role in ('chair', 'vice_chair', 'executive', 'standing_committee', 'representative', 'staff', 'volunteer')),
  appointment_type text check (appointment_type in ('full_time', 'seconded', 'part_time')),
  start_date date not null,
  end_date date,
  term text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (province_code, person_id) references persons (province_code, id),
  check (end_date is null or end_date >= start_date)
);
create index positions_org_idx on positions (org_id, role);
create index positions_person_idx on positions (province_code, person_id);

-- users and sessions are small, stay on the coordinator under Citus (local tables)
create table users (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  org_id uuid not null references orgs (id),
  role text not null check (role in ('admin', 'staff', 'executive')),
  person_id uuid,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  must_change_password boolean not null default false,
  disabled boolean not null default false,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index users_org_idx on users (org_id);

create table sessions (
  id text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);

create table activity_kinds (
  code text primary key,
  name text not null,
  participant_unit text not null check (participant_unit in ('人', '人次')),
  owner_org_id uuid references orgs (id),
  sort integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table activities (
  province_code char(2) not null,
  id uuid not null,
  org_id uuid not null references orgs (id),
  kind_code text not null references activity_kinds (code),
  title text not null,
  date date not null,
  place text,
  participants integer not null check (participants >= 0),
  notes text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (province_code, id)
);
create index activities_org_date_idx on activities (org_id, date) include (kind_code, participants, id);

create table activity_participants (
  province_code char(2) not null,
  activity_id uuid not null,
  person_id uuid not null,
  primary key (province_code, activity_id, person_id),
  foreign key (province_code, activity_id) references activities (province_code, id) on delete cascade,
  foreign key (province_code, person_id) references persons (province_code, id)
);
create index activity_participants_person_idx on activity_participants (province_code, person_id);

create table attachments (
  province_code char(2) not null,
  id uuid not null,
  activity_id uuid not null,
  kind text not null check (kind in ('photo', 'signin_sheet')),
  file_name text not null,
  mime_type text not null,
  size_bytes integer not null,
  storage_key text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (province_code, activity_id) references activities (province_code, id) on delete cascade
);
create index attachments_activity_idx on attachments (province_code, activity_id);

create table metrics (
  code text primary key,
  name text not null,
  unit text not null check (unit in ('个', '人', '人次', '户', '场', '次', '期', '%')),
  source text not null check (source in ('derived', 'reported')),
  aggregation text check (aggregation in ('count_activities', 'sum_participants')),
  kind_codes text[] not null default '{}',
  owner_org_id uuid references orgs (id),
  sort integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((source = 'derived') = (aggregation is not null))
);

-- Monthly totals per kind of the whole subtree of each org at depth <= 3 (province, city, county, township),
-- kept in step by the application in the same transaction as the activities.
create table activity_rollups (
  province_code char(2) not null,
  org_id uuid not null,
  month date not null,
  kind_code text not null,
  activity_count integer not null,
  participant_sum bigint not null,
  primary key (province_code, org_id, month, kind_code)
);

create table audit_log (
  province_code char(2) not null,
  id uuid not null,
  at timestamptz not null default now(),
  user_id uuid,
  username text,
  org_id uuid,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  reason text,
  primary key (province_code, id)
);
create index audit_log_org_at_idx on audit_log (org_id, at desc);
create index audit_log_at_idx on audit_log (province_code, at desc);
