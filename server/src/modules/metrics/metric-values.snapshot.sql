-- kind totals of a county subtree (rollups)
select "r"."kind_code" as "kindCode", coalesce(sum(r.activity_count), 0) as "activities", coalesce(sum(r.participant_sum), 0) as "participants"
  from "activity_rollups" as "r"
  where "r"."province_code" = $1
  and r.org_id = any($2::uuid[])
  and "r"."month" >= $3
  and "r"."month" < $4
  and r.kind_code = any($5::text[])
  group by "r"."kind_code";
-- parameters: ["14",["00000000-0000-7000-8000-000000000023"],"2025-01-01","2026-01-01",["training","exec_training"]]

-- kind totals of a village subtree (activities)
select "a"."kind_code" as "kindCode", count(*) as "activities", coalesce(sum(a.participants), 0) as "participants"
  from "orgs" as "o"
  inner join "activities" as "a" on "a"."org_id" = "o"."id"
  where "o"."path" like $1
  and "a"."province_code" = $2
  and "a"."date" >= $3
  and "a"."date" < $4
  and a.kind_code = any($5::text[])
  group by "a"."kind_code";
-- parameters: ["14.07.23.100.201.%","14","2025-01-01","2026-01-01",["training","exec_training"]]

-- monthly totals of a county subtree (rollups)
select to_char(r.month, 'YYYY-MM') as "month", coalesce(sum(r.activity_count), 0) as "activities", coalesce(sum(r.participant_sum), 0) as "participants"
  from "activity_rollups" as "r"
  where "r"."province_code" = $1
  and r.org_id = any($2::uuid[])
  and "r"."month" >= $3
  and "r"."month" < $4
  and r.kind_code = any($5::text[])
  group by to_char(r.month, 'YYYY-MM');
-- parameters: ["14",["00000000-0000-7000-8000-000000000023"],"2025-01-01","2026-01-01",["training","exec_training"]]

-- monthly totals of a village subtree (activities)
select to_char(a.date, 'YYYY-MM') as "month", count(*) as "activities", coalesce(sum(a.participants), 0) as "participants"
  from "orgs" as "o"
  inner join "activities" as "a" on "a"."org_id" = "o"."id"
  where "o"."path" like $1
  and "a"."province_code" = $2
  and "a"."date" >= $3
  and "a"."date" < $4
  and a.kind_code = any($5::text[])
  group by to_char(a.date, 'YYYY-MM');
-- parameters: ["14.07.23.100.201.%","14","2025-01-01","2026-01-01",["training","exec_training"]]

-- children of a county: totals from their rollups
select "r"."org_id" as "orgId", coalesce(sum(r.activity_count), 0) as "activities", coalesce(sum(r.participant_sum), 0) as "participants"
  from "activity_rollups" as "r"
  where "r"."province_code" = $1
  and r.org_id = any($2::uuid[])
  and "r"."month" >= $3
  and "r"."month" < $4
  and r.kind_code = any($5::text[])
  group by "r"."org_id";
-- parameters: ["14",["00000000-0000-7000-8000-000000000201"],"2025-01-01","2026-01-01",["training","exec_training"]]

-- children of a village: totals from the activities below it
select split_part(substr(o.path, 18), '.', 1) as "segment", count(*) as "activities", coalesce(sum(a.participants), 0) as "participants"
  from "orgs" as "o"
  inner join "activities" as "a" on "a"."org_id" = "o"."id"
  where "o"."path" like $1
  and "a"."province_code" = $2
  and "a"."date" >= $3
  and "a"."date" < $4
  and a.kind_code = any($5::text[])
  and "o"."depth" > $6
  group by split_part(substr(o.path, 18), '.', 1);
-- parameters: ["14.07.23.100.201.%","14","2025-01-01","2026-01-01",["training","exec_training"],4]

-- own records of an org (本级)
select count(*) as "activities", coalesce(sum(a.participants), 0) as "participants"
  from "activities" as "a"
  where "a"."province_code" = $1
  and "a"."org_id" = $2
  and "a"."date" >= $3
  and "a"."date" < $4
  and a.kind_code = any($5::text[]);
-- parameters: ["14","00000000-0000-7000-8000-000000000023","2025-01-01","2026-01-01",["training","exec_training"]]

-- direct children with their drill-down flag
select "c"."id", "c"."name", "c"."path", "c"."status", exists (select "g"."id"
  from "orgs" as "g"
  where "g"."parent_id" = "c"."id") as "hasChildren"
  from "orgs" as "c"
  where "c"."parent_id" = $1;
-- parameters: ["00000000-0000-7000-8000-000000000023"]

-- breadcrumbs
select "id", "name"
  from "orgs"
  where path = any($1::text[])
  order by "depth";
-- parameters: [["14.","14.07."]]
