import type { ImportField, ImportKind } from '@jinguo/common/imports.schema.ts';

/**
 * The columns of each import: the template's Chinese header, the other names people give the same column in
 * their own ledgers (the proposed mapping matches them), whether a value is required, a hint for the notes sheet,
 * and the template's example value.
 */
export type FieldSpec = ImportField & { synonyms: string[]; example: string | number };

const ORG_HINT = '填写组织名称（如“东关村妇联”）；重名时写出上级，如“义兴镇妇联/东关村妇联”；也可填区划代码';

const activityFields: FieldSpec[] = [
  { field: 'org', header: '组织', required: true, hint: ORG_HINT, synonyms: ['单位', '组织名称', '单位名称', '所属组织', '所属单位', '开展单位', '妇联组织'], example: '东关村妇联' },
  { field: 'kind', header: '活动类型', required: true, hint: '填写系统中的活动类型名称，如“巾帼大宣讲”“家庭教育讲座”', synonyms: ['类型', '活动类别', '类别', '活动种类'], example: '巾帼大宣讲' },
  { field: 'title', header: '活动名称', required: true, hint: '不超过 100 个字', synonyms: ['名称', '活动主题', '主题', '标题', '活动内容'], example: '学习贯彻妇女十三大精神宣讲' },
  { field: 'date', header: '活动日期', required: true, hint: '如 2026-03-08 或 2026/3/8，不能晚于今天', synonyms: ['日期', '时间', '活动时间', '开展时间', '开展日期'], example: '2026-03-08' },
  { field: 'place', header: '地点', required: false, hint: '不超过 100 个字', synonyms: ['活动地点', '开展地点', '场所'], example: '村委会会议室' },
  { field: 'participants', header: '参加人数', required: true, hint: '整数（人或人次，按活动类型的单位）', synonyms: ['人数', '参与人数', '参加人次', '人次', '参与人次', '受众人数', '覆盖人数'], example: 45 },
  { field: 'notes', header: '备注', required: false, hint: '不超过 2000 个字', synonyms: ['说明', '情况说明', '活动简介'], example: '' },
];

const personFields: FieldSpec[] = [
  { field: 'org', header: '所属组织', required: true, hint: ORG_HINT, synonyms: ['组织', '单位', '所在组织', '所属单位', '组织名称'], example: '东关村妇联' },
  { field: 'name', header: '姓名', required: true, hint: '不超过 50 个字', synonyms: ['名字', '人员姓名'], example: '王秀兰' },
  { field: 'gender', header: '性别', required: false, hint: '女 或 男', synonyms: [], example: '女' },
  { field: 'ethnicity', header: '民族', required: false, hint: '如 汉族', synonyms: [], example: '汉族' },
  { field: 'education', header: '学历', required: false, hint: '如 大专', synonyms: ['文化程度', '最高学历'], example: '大专' },
  { field: 'politicalStatus', header: '政治面貌', required: false, hint: '如 中共党员、群众', synonyms: ['面貌'], example: '中共党员' },
  { field: 'workplace', header: '工作单位及职务', required: false, hint: '不超过 100 个字', synonyms: ['工作单位', '单位及职务', '职务', '工作单位职务'], example: '东关村村委会委员' },
  { field: 'phone', header: '手机号', required: false, hint: '11 位手机号；导入后只显示掩码', synonyms: ['手机', '手机号码', '联系电话', '电话', '联系方式'], example: '13700001234' },
  { field: 'idNumber', header: '身份证号', required: false, hint: '18 位身份证号，请以文本格式填写（数字格式会丢掉末几位）；同一省内不能重复；加密保存', synonyms: ['身份证', '身份证号码', '公民身份号码', '证件号码'], example: '110101199003070003' },
  { field: 'notes', header: '备注', required: false, hint: '不超过 500 个字', synonyms: ['说明'], example: '' },
];

const orgFields: FieldSpec[] = [
  { field: 'parent', header: '上级组织', required: true, hint: `${ORG_HINT}；也可填本表前面各行新建的组织`, synonyms: ['上级', '上级单位', '所属组织', '隶属组织', '上级妇联'], example: '义兴镇妇联' },
  { field: 'name', header: '组织名称', required: true, hint: '不超过 100 个字；同一上级下不能重名', synonyms: ['名称', '组织', '单位名称'], example: '义兴镇巾帼志愿者协会妇联' },
  { field: 'kind', header: '组织类型', required: true, hint: '新领域妇联、妇女小组、网上妇联组织 或 团体会员（行政区划妇联由区划代码生成，不能导入）', synonyms: ['类型', '组织类别', '类别'], example: '新领域妇联' },
];

export const IMPORT_FIELDS: Record<ImportKind, FieldSpec[]> = { activities: activityFields, people: personFields, orgs: orgFields };

export const IMPORT_SHEET_NAMES: Record<ImportKind, string> = { activities: '活动台账', people: '人员名册', orgs: '组织' };

export const NOTES_SHEET_NAME = '填写说明';

export function publicFields(kind: ImportKind): ImportField[] {
  return IMPORT_FIELDS[kind].map(({ field, header, required, hint }) => ({ field, header, required, hint }));
}
