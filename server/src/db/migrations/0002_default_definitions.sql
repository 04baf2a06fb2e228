-- Default definitions (data only): the system activity kinds and the metrics derived from them. System rows have
-- no owner org; orgs may add their own beside them. Existing codes are left as they are.

insert into activity_kinds (code, name, participant_unit, owner_org_id, sort) values
  ('study_session', '集中学习', '人次', null, 10),
  ('first_agenda', '第一议题', '人次', null, 20),
  ('theme_party_day', '主题党日', '人次', null, 30),
  ('party_lecture', '党课', '人次', null, 40),
  ('outreach_lecture', '巾帼大宣讲', '人次', null, 50),
  ('training', '培训', '人次', null, 60),
  ('exec_training', '执委培训', '人次', null, 70),
  ('volunteer_service', '志愿服务', '人次', null, 80),
  ('field_research', '调研', '人次', null, 90),
  ('symposium', '座谈会', '人次', null, 100),
  ('warning_education', '警示教育', '人次', null, 110),
  ('integrity_talk', '廉政谈话', '人', null, 120),
  ('family_education', '家庭教育讲座', '人次', null, 130),
  ('health_screening', '两癌筛查', '人', null, 140),
  ('home_visit', '走访慰问', '人次', null, 150),
  ('other', '其他', '人次', null, 160)
on conflict (code) do nothing;

insert into metrics (code, name, unit, source, aggregation, kind_codes, owner_org_id, sort) values
  ('activities_total', '各类活动场次', '场', 'derived', 'count_activities',
    array['study_session', 'first_agenda', 'theme_party_day', 'party_lecture', 'outreach_lecture', 'training',
          'exec_training', 'volunteer_service', 'field_research', 'symposium', 'warning_education', 'integrity_talk',
          'family_education', 'health_screening', 'home_visit', 'other'], null, 10),
  ('outreach_sessions', '巾帼大宣讲场次', '场', 'derived', 'count_activities', array['outreach_lecture'], null, 20),
  ('outreach_attendance', '巾帼大宣讲人次', '人次', 'derived', 'sum_participants', array['outreach_lecture'], null, 30),
  ('training_sessions', '培训场次', '场', 'derived', 'count_activities', array['training', 'exec_training'], null, 40),
  ('exec_training_attendance', '执委培训人次', '人次', 'derived', 'sum_participants', array['exec_training'], null, 50),
  ('study_sessions', '集中学习次数', '次', 'derived', 'count_activities', array['study_session', 'first_agenda'], null, 60),
  ('theme_party_days', '主题党日次数', '次', 'derived', 'count_activities', array['theme_party_day'], null, 70),
  ('family_education_lectures', '家庭教育讲座场次', '场', 'derived', 'count_activities', array['family_education'], null, 80),
  ('volunteer_attendance', '志愿服务人次', '人次', 'derived', 'sum_participants', array['volunteer_service'], null, 90),
  ('health_screenings', '两癌筛查人数', '人', 'derived', 'sum_participants', array['health_screening'], null, 100),
  ('field_research_trips', '调研次数', '次', 'derived', 'count_activities', array['field_research'], null, 110)
on conflict (code) do nothing
