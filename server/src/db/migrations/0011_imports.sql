-- Excel imports run as jobs: the uploaded file (kept under DATA_DIR), its header row and the column mapping, the
-- job's state and counts. Rows written by an import point back to it (import_id), so that an import can be traced
-- (and, if ever needed, found and undone). A job is a work table: province_code in its key (Citus).
create table import_jobs (
  province_code char(2) not null,
  id uuid not null,
  -- the org whose subtree the import may touch (the importing user's org)
  org_id uuid not null references orgs (id),
  kind text not null check (kind in ('activities', 'people', 'orgs')),
  status text not null default 'uploaded' check (status in ('uploaded', 'running', 'succeeded', 'failed', 'interrupted')),
  file_name text not null,
  storage_key text not null,
  sheet_name text,
  -- the row of the sheet that holds the headers (1-based, as Excel numbers rows)
  header_row integer not null default 1,
  headers jsonb not null default '[]',
  mapping jsonb not null default '{}',
  total_rows integer,
  imported_rows integer not null default 0,
  error_count integer not null default 0,
  -- the first errors, for the job's page; all of them are kept in a file beside the upload
  errors jsonb not null default '[]',
  -- the process that runs the job: a job left 'running' by another (dead) process is shown as interrupted
  runner_id text,
  created_by uuid,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  primary key (province_code, id)
);
create index import_jobs_org_created_idx on import_jobs (org_id, created_at desc);

-- no foreign keys to import_jobs: an import's rows are checked against the job in the same transaction, and a
-- foreign key would cost an index probe per imported row
alter table activities add column import_id uuid;
alter table persons add column import_id uuid;
alter table orgs add column import_id uuid;
