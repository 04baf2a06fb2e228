-- completeness of a subtree, grouped by child
select split_part(substr(o.path, 10), '.', 1) as "segment", count(*) as "expected", count(*) filter (where r.status in ('submitted', 'approved')) as "submitted", count(*) filter (where r.status in ('submitted', 'approved')
  and r.submitted_at < $1) as "onTime", count(*) filter (where r.status = 'approved') as "approved", count(*) filter (where r.status = 'returned') as "returned"
  from "orgs" as "o"
  left join "reports" as "r" on "r"."org_id" = "o"."id"
  and "r"."province_code" = $2
  and "r"."form_id" = $3
  and "r"."period" = $4
  where "o"."depth" >= $5
  and "o"."depth" <= $6
  and "o"."path" like $7
  and "o"."kind" = $8
  and "o"."status" = $9
  group by split_part(substr(o.path, 10), '.', 1);
-- parameters: ["2026-04-05T16:00:00.000Z","14","00000000-0000-7000-8000-000000000001","2026Q1",3,4,"14.07.23.%","federation","active"]

-- late units of a subtree
select "o"."id", "o"."name", "o"."province_code", "r"."status"
  from "orgs" as "o"
  left join "reports" as "r" on "r"."org_id" = "o"."id"
  and "r"."province_code" = $1
  and "r"."form_id" = $2
  and "r"."period" = $3
  where "o"."depth" >= $4
  and "o"."depth" <= $5
  and "o"."path" like $6
  and "o"."kind" = $7
  and "o"."status" = $8
  and "o"."path" <> $9
  and ("r"."status" is null or "r"."status" in ($10, $11))
  order by "o"."depth", "o"."path" limit $12;
-- parameters: ["14","00000000-0000-7000-8000-000000000001","2026Q1",3,4,"14.07.23.%","federation","active","14.07.23.","draft","returned",1000]

-- approved values of a subtree (reportedValueForSubtree)
with "reported" as (select distinct on ("r"."org_id", "v"."metric_code", "r"."period") "r"."org_id", "o"."path", "v"."metric_code", "v"."number_value", "v"."boolean_value", "v"."text_value", case when r.period ~ '^[0-9]{4}$' then 0 when r.period like '%Q%' then 1 else 2 end as "grain"
  from "reports" as "r"
  inner join "orgs" as "o" on "o"."id" = "r"."org_id"
  inner join "report_values" as "v" on "v"."province_code" = "r"."province_code"
  and "v"."report_id" = "r"."id"
  where "r"."province_code" = $1
  and "r"."status" = $2
  and r.period = any($3::text[])
  and "o"."path" like $4
  and v.metric_code = any($5::text[])
  and (v.number_value is not null or v.boolean_value is not null or v.text_value is not null)
  and "r"."form_id" = $6
  order by "r"."org_id", "v"."metric_code", "r"."period", "r"."approved_at" desc), "coarsest" as (select "org_id", "metric_code", min(grain) as "grain"
  from "reported"
  group by "org_id", "metric_code") select "x"."metric_code" as "metricCode", coalesce(sum(x.number_value), 0) as "sum", count(x.number_value) as "numbers", count(*) filter (where x.boolean_value) as "trues", count(*) as "answers"
  from "reported" as "x"
  inner join "coarsest" as "c" on "c"."org_id" = "x"."org_id"
  and "c"."metric_code" = "x"."metric_code"
  and "c"."grain" = "x"."grain"
  where not exists (select 1 as "one"
  from "reported" as "up"
  where "up"."metric_code" = "x"."metric_code"
  and "up"."path" <> "x"."path"
  and starts_with(x.path, up.path))
  group by "x"."metric_code";
-- parameters: ["14","approved",["2026","2026Q1"],"14.07.23.%",["rep_micro_homes"],"00000000-0000-7000-8000-000000000001"]

-- approved values per child (aggregates)
with "reported" as (select distinct on ("r"."org_id", "v"."metric_code", "r"."period") "r"."org_id", "o"."path", "v"."metric_code", "v"."number_value", "v"."boolean_value", "v"."text_value", case when r.period ~ '^[0-9]{4}$' then 0 when r.period like '%Q%' then 1 else 2 end as "grain"
  from "reports" as "r"
  inner join "orgs" as "o" on "o"."id" = "r"."org_id"
  inner join "report_values" as "v" on "v"."province_code" = "r"."province_code"
  and "v"."report_id" = "r"."id"
  where "r"."province_code" = $1
  and "r"."status" = $2
  and r.period = any($3::text[])
  and "o"."path" like $4
  and v.metric_code = any($5::text[])
  and (v.number_value is not null or v.boolean_value is not null or v.text_value is not null)
  and "r"."form_id" = $6
  order by "r"."org_id", "v"."metric_code", "r"."period", "r"."approved_at" desc), "coarsest" as (select "org_id", "metric_code", min(grain) as "grain"
  from "reported"
  group by "org_id", "metric_code") select split_part(substr(x.path, 10), '.', 1) as "segment", "x"."metric_code" as "metricCode", coalesce(sum(x.number_value), 0) as "sum", count(x.number_value) as "numbers", count(*) filter (where x.boolean_value) as "trues", count(*) as "answers"
  from "reported" as "x"
  inner join "coarsest" as "c" on "c"."org_id" = "x"."org_id"
  and "c"."metric_code" = "x"."metric_code"
  and "c"."grain" = "x"."grain"
  where not exists (select 1 as "one"
  from "reported" as "up"
  where "up"."metric_code" = "x"."metric_code"
  and "up"."path" <> "x"."path"
  and starts_with(x.path, up.path)
  and "up"."path" <> $7)
  group by split_part(substr(x.path, 10), '.', 1), "x"."metric_code";
-- parameters: ["14","approved",["2026Q1"],"14.07.23.%",["rep_micro_homes"],"00000000-0000-7000-8000-000000000001","14.07.23."]
