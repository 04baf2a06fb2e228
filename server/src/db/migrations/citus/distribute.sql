-- Distribution of the Jinguo schema over a Citus cluster, by province. A deployment runs it ONCE, by hand, on
-- the coordinator, after the migrations and before the app takes traffic:
--   psql "$COORDINATOR_URL" -v ON_ERROR_STOP=1 -f server/src/db/migrations/citus/distribute.sql
-- It is not a migration: the app never runs it, and the numbered migrations stay the same on PGlite, on one
-- PostgreSQL server and on Citus. Prerequisites: the citus extension in the database, the workers added, and the
-- coordinator registered with itself (select citus_set_coordinator_host('<coordinator host>', 5432)), which
-- Citus requires for foreign keys between coordinator-local tables and reference tables.
--
-- Every table of the schema is decided here, in one of three groups; schema-rules.test.ts parses this file and
-- fails when a table is missing, so a migration that adds a table adds its line here too.
--   reference tables        small, shared, copied to every node; foreign keys into them are free.
--   distributed tables      grow with the work; distributed by province_code (in every key of theirs) and all
--                           co-located with the first, so a province's rows of every table live on one node and
--                           its joins and foreign keys stay there.
--   coordinator-local       small tables only the app on the coordinator reads; they stay where they are.
-- Written for Citus 12/13 on PostgreSQL 15; Citus cannot be installed on the development machines, so rehearse
-- it on a staging cluster (restore a backup, run it, run the test suite's API checks against it).

begin;
-- reference-table DDL and distribution in one transaction must not open parallel connections per shard
set local citus.multi_shard_modify_mode to 'sequential';

-- Reference tables. orgs first: the definitions refer to it. orgs.province_code is an attribute of the tree
-- here (which province an org is in), not a distribution key.
select create_reference_table('orgs');
select create_reference_table('activity_kinds');
select create_reference_table('metrics');
select create_reference_table('report_forms');
select create_reference_table('report_form_fields');
select create_reference_table('doc_templates');

-- coordinator-local: users, sessions, schema_migrations
-- users and sessions refer to orgs (a reference table): Citus keeps them as local tables in its metadata
-- (it may already have added them when orgs became a reference table). schema_migrations refers to nothing and
-- stays a plain table. Sign-in and sessions never leave the coordinator.
do $$
begin
  if not exists (select 1 from pg_dist_partition where logicalrelid = 'users'::regclass) then
    perform citus_add_local_table_to_metadata('users', cascade_via_foreign_keys => true);
  end if;
  if not exists (select 1 from pg_dist_partition where logicalrelid = 'sessions'::regclass) then
    perform citus_add_local_table_to_metadata('sessions', cascade_via_foreign_keys => true);
  end if;
end
$$;

-- Distributed by province, co-located with persons. Referenced tables before the tables referring to them.
select create_distributed_table('persons', 'province_code');
select create_distributed_table('sites', 'province_code', colocate_with => 'persons');
select create_distributed_table('positions', 'province_code', colocate_with => 'persons');
select create_distributed_table('activities', 'province_code', colocate_with => 'persons');
select create_distributed_table('activity_participants', 'province_code', colocate_with => 'persons');
select create_distributed_table('attachments', 'province_code', colocate_with => 'persons');
select create_distributed_table('activity_rollups', 'province_code', colocate_with => 'persons');
select create_distributed_table('audit_log', 'province_code', colocate_with => 'persons');
select create_distributed_table('plans', 'province_code', colocate_with => 'persons');
select create_distributed_table('plan_tasks', 'province_code', colocate_with => 'persons');
select create_distributed_table('targets', 'province_code', colocate_with => 'persons');
select create_distributed_table('reports', 'province_code', colocate_with => 'persons');
select create_distributed_table('report_values', 'province_code', colocate_with => 'persons');
select create_distributed_table('report_events', 'province_code', colocate_with => 'persons');
select create_distributed_table('reminders', 'province_code', colocate_with => 'persons');
select create_distributed_table('documents', 'province_code', colocate_with => 'persons');
select create_distributed_table('import_jobs', 'province_code', colocate_with => 'persons');

commit;

-- An existing deployment restored onto the coordinator first (README, "Scaling out") leaves a full local copy of
-- every distributed table's rows on the coordinator: the shards now hold them, so drop the copies. (A fresh
-- database has none; the call is then a no-op.) Reference tables keep theirs: the coordinator is one of their nodes.
do $$
declare t regclass;
begin
  for t in select logicalrelid from pg_dist_partition where partmethod = 'h' loop
    perform truncate_local_data_after_distributing_table(t);
  end loop;
end
$$;
