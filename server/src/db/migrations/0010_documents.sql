-- Word reports generated from the records. Templates are definitions (a reference table): shipped defaults have
-- no owner; an org's own copy is seen in its subtree. A document is a template instantiated for an org and a
-- period: its sections (narrative with placeholders) and, per figure, the value and a fingerprint of the records
-- it counted when it was filled in (work table, province_code in its key).
-- Placeholders: {{组织}} {{期间}} {{年度}}; {{指标:代码}} a metric of the org's subtree in the period;
-- {{活动:类型代码}} the activities of a kind; {{目标进展}} targets and their progress; {{报送情况}} completeness.

create table doc_templates (
  id uuid primary key,
  owner_org_id uuid references orgs (id),
  name text not null,
  kind text not null check (kind in ('duty_report', 'quarterly_progress', 'annual_summary', 'other')),
  period_type text not null check (period_type in ('month', 'quarter', 'year')),
  title text not null,
  -- [{level: 1..4, title, body}] in order
  sections jsonb not null default '[]',
  copied_from_id uuid,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index doc_templates_owner_idx on doc_templates (owner_org_id);

create table documents (
  province_code char(2) not null,
  id uuid not null,
  org_id uuid not null references orgs (id),
  template_id uuid not null references doc_templates (id),
  period text not null,
  title text not null,
  issuer text not null,
  issue_date date not null,
  sections jsonb not null default '[]',
  -- [{key, kind, label, unit, value, text, items, records, recordCount, fingerprint, link, filledAt}]
  figures jsonb not null default '[]',
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (province_code, id)
);
create index documents_org_idx on documents (org_id, period);

insert into doc_templates (id, owner_org_id, name, kind, period_type, title, sections) values
('019ab000-0000-7000-8000-000000000001', null, '述职报告', 'duty_report', 'year', '{{组织}}{{年度}}年度述职报告', $$[
 {"level": 1, "title": "主要措施与成效", "body": "{{年度}}年，{{组织}}在同级党委和上级妇联的领导下，围绕中心、服务大局，团结引领广大妇女建功新时代，各项工作取得新进展。"},
 {"level": 2, "title": "加强思想政治引领", "body": "坚持把政治学习放在首位，组织集中学习{{指标:study_sessions}}，开展主题党日{{指标:theme_party_days}}。深入开展巾帼大宣讲{{指标:outreach_sessions}}，覆盖妇女群众{{指标:outreach_attendance}}。"},
 {"level": 2, "title": "提升履职能力", "body": "举办各类培训{{指标:training_sessions}}，执委参训{{指标:exec_training_attendance}}；深入基层开展调研{{指标:field_research_trips}}，了解妇女群众所需所盼。"},
 {"level": 2, "title": "服务妇女儿童和家庭", "body": "开展家庭教育讲座{{指标:family_education_lectures}}，组织两癌筛查{{指标:health_screenings}}，开展巾帼志愿服务{{指标:volunteer_attendance}}。"},
 {"level": 1, "title": "存在问题及原因", "body": "（请结合实际填写存在的主要问题，并分析原因。）"},
 {"level": 1, "title": "下一步打算", "body": "（请结合上级部署和本单位实际，写明下一步的工作思路和具体措施。）"}
]$$::jsonb),
('019ab000-0000-7000-8000-000000000002', null, '季度工作进展报告', 'quarterly_progress', 'quarter', '{{组织}}{{期间}}工作进展情况报告', $$[
 {"level": 1, "title": "目标任务与进展", "body": "对照年度工作计划，{{组织}}目标任务进展情况如下：\n{{目标进展}}"},
 {"level": 1, "title": "本季度主要工作", "body": "本季度共开展各类活动{{指标:activities_total}}，其中巾帼大宣讲{{指标:outreach_sessions}}、覆盖{{指标:outreach_attendance}}，举办培训{{指标:training_sessions}}。"},
 {"level": 1, "title": "报送情况", "body": "{{报送情况}}"},
 {"level": 1, "title": "存在问题和下一步打算", "body": "（请填写进度滞后事项的原因和下一步的推进措施。）"}
]$$::jsonb),
('019ab000-0000-7000-8000-000000000003', null, '年度工作总结', 'annual_summary', 'year', '{{组织}}{{年度}}年工作总结', $$[
 {"level": 1, "title": "工作开展情况", "body": "{{年度}}年，{{组织}}共开展各类活动{{指标:activities_total}}。"},
 {"level": 2, "title": "思想政治引领", "body": "组织集中学习{{指标:study_sessions}}，开展巾帼大宣讲{{指标:outreach_sessions}}、覆盖{{指标:outreach_attendance}}。主要宣讲活动有：\n{{活动:outreach_lecture}}"},
 {"level": 2, "title": "服务妇女儿童和家庭", "body": "开展家庭教育讲座{{指标:family_education_lectures}}，组织两癌筛查{{指标:health_screenings}}，开展巾帼志愿服务{{指标:volunteer_attendance}}。"},
 {"level": 1, "title": "目标任务完成情况", "body": "{{目标进展}}"},
 {"level": 1, "title": "存在的不足", "body": "（请填写。）"},
 {"level": 1, "title": "下一年工作思路", "body": "（请填写。）"}
]$$::jsonb);
