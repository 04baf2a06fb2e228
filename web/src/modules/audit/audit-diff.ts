import {
  appointmentTypeLabels,
  genderLabels,
  orgKindLabels,
  orgLevelLabels,
  positionRoleLabels,
  siteKindLabels,
  userRoleLabels,
} from '@jinguo/common/labels.zh-CN.ts';
import { formatMoment } from '../../lib/format-time.ts';

/** readable names of the fields most often seen in audit records; others show their key */
const fieldLabels: Record<string, string> = {
  name: '名称',
  title: '活动名称',
  kind: '类型',
  kindCode: '活动类型',
  date: '日期',
  place: '地点',
  participants: '参加人数',
  participantIds: '参加人员',
  notes: '备注',
  orgId: '组织',
  parentId: '上级组织',
  status: '状态',
  address: '地址',
  role: '角色/职务',
  appointmentType: '任职方式',
  startDate: '任职日期',
  endDate: '离任日期',
  term: '届次',
  gender: '性别',
  ethnicity: '民族',
  education: '学历',
  politicalStatus: '政治面貌',
  workplace: '工作单位及职务',
  phone: '手机号',
  idNumber: '身份证号',
  username: '用户名',
  displayName: '姓名',
  disabled: '停用',
  unit: '单位',
  aggregation: '统计方式',
  kindCodes: '活动类型',
  participantUnit: '参加人数单位',
  sort: '排序',
  active: '启用',
  field: '查看字段',
  fileName: '文件名',
  reason: '原因',
  closedAt: '撤销时间',
  createdAt: '创建时间',
  level: '层级',
  mustChangePassword: '须修改密码',
};

const statusLabels: Record<string, string> = { active: '正常', closed: '已关闭' };
const orgStatusLabels: Record<string, string> = { active: '正常', closed: '已撤销' };

/** enum codes as the labels people know; which enum a field holds depends on the entity */
function labelsOf(entity: string, field: string): Record<string, string> | undefined {
  if (field === 'status') return entity === 'org' ? orgStatusLabels : statusLabels;
  if (field === 'gender') return genderLabels;
  if (field === 'level') return orgLevelLabels;
  if (field === 'appointmentType') return appointmentTypeLabels;
  if (field === 'kind') return entity === 'site' ? siteKindLabels : entity === 'org' ? orgKindLabels : undefined;
  if (field === 'role') return entity === 'user' ? userRoleLabels : positionRoleLabels;
  return undefined;
}

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export type DiffRow = { field: string; label: string; before: string | null; after: string | null };

function show(value: unknown, labels?: Record<string, string>): string | null {
  if (value === undefined) return null;
  if (value === null) return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return labels?.[value] ?? (ISO_MOMENT.test(value) ? formatMoment(value) : value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => show(v, labels)).join('、') : '（无）';
  return JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** the fields that differ between before and after (all fields for a creation or deletion) */
export function diffRows(entity: string, before: unknown, after: unknown): DiffRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)]));
  return keys
    .filter((k) => k !== 'id' && k !== 'updatedAt' && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => {
      const labels = labelsOf(entity, k);
      return { field: k, label: fieldLabels[k] ?? k, before: show(b[k], labels), after: show(a[k], labels) };
    });
}

export function hasDetails(entry: { entity: string; before: unknown; after: unknown; reason: string | null }): boolean {
  return !!entry.reason || diffRows(entry.entity, entry.before, entry.after).length > 0;
}
