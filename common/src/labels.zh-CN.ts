import type { AppointmentType, OrgKind, OrgLevel, PositionRole, SiteKind, UserRole } from './enums.ts';
import type { PlanStatus, ProgressStatus, SplitBasis, SplitMethod } from './plans.schema.ts';
import type { DocTemplateKind } from './documents.schema.ts';

/** Chinese labels of every enum value; a missing label fails type-checking. */
export const orgKindLabels: Record<OrgKind, string> = {
  federation: '妇联',
  new_sector: '新领域妇联',
  women_group: '妇女小组',
  online_group: '网上妇联组织',
  group_member: '团体会员',
};

export const orgLevelLabels: Record<OrgLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
  village: '村（社区）',
};

export const siteKindLabels: Record<SiteKind, string> = {
  womens_home: '妇女之家',
  micro_home: '妇女微家',
};

export const positionRoleLabels: Record<PositionRole, string> = {
  chair: '主席',
  vice_chair: '副主席',
  executive: '执委',
  standing_committee: '常委',
  representative: '妇女代表',
  staff: '机关干部',
  volunteer: '巾帼志愿者',
};

export const appointmentTypeLabels: Record<AppointmentType, string> = {
  full_time: '专职',
  seconded: '挂职',
  part_time: '兼职',
};

export const userRoleLabels: Record<UserRole, string> = {
  admin: '管理员',
  staff: '工作人员',
  executive: '执委',
};

export const metricSourceLabels: Record<'derived' | 'reported', string> = {
  derived: '由活动记录统计',
  reported: '由下级上报',
};

export const metricAggregationLabels: Record<'count_activities' | 'sum_participants', string> = {
  count_activities: '统计活动场次',
  sum_participants: '合计参加人数',
};

export const genderLabels = { female: '女', male: '男' } as const;

export const auditActionLabels: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  close: '撤销',
  move: '移动',
  unmask: '查看敏感信息',
  import: '批量导入',
  reset_password: '重置密码',
  change_password: '修改密码',
  login: '登录',
};

export const auditEntityLabels: Record<string, string> = {
  org: '组织',
  site: '阵地',
  person: '人员',
  position: '职务',
  user: '用户',
  activity_kind: '活动类型',
  activity: '活动',
  attachment: '附件',
  metric: '指标',
  doc_template: '文书模板',
  document: '文书报告',
};

export const planStatusLabels: Record<PlanStatus, string> = { draft: '草稿', issued: '已下达' };

export const progressStatusLabels: Record<ProgressStatus, string> = {
  not_started: '未开始',
  on_track: '进度正常',
  behind: '进度滞后',
  done: '已完成',
  overdue: '已逾期',
};

export const splitMethodLabels: Record<SplitMethod, string> = { manual: '手工分解', even: '平均分解', proportional: '按比例分解' };

export const splitBasisLabels: Record<SplitBasis, string> = { villages: '村（社区）数', population: '人口', last_year: '上年完成值' };

export const docTemplateKindLabels: Record<DocTemplateKind, string> = {
  duty_report: '述职报告',
  quarterly_progress: '季度工作进展报告',
  annual_summary: '年度工作总结',
  other: '其他',
};
