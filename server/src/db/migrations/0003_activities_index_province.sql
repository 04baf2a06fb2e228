-- Queries over raw activities filter by province_code (one shard under Citus); carrying it in the covering
-- index keeps them index-only.
drop index activities_org_date_idx;
create index activities_org_date_idx on activities (org_id, date) include (kind_code, participants, id, province_code);
