-- quick entry remembers the kind a user last recorded
create index activities_created_by_idx on activities (created_by, created_at desc);
