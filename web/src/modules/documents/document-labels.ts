import type { DocTemplateView } from '@jinguo/common/documents.schema.ts';

export const templateLabel = (t: DocTemplateView) => `${t.name}（${t.ownerOrgName ?? '系统默认'}）`;

export const levelOptions = [
  { value: 1, label: '一级 一、（黑体）' },
  { value: 2, label: '二级 （一）（楷体）' },
  { value: 3, label: '三级 1.（仿宋）' },
  { value: 4, label: '四级 （1）（仿宋）' },
];

/** the placeholder syntax, as the template editor explains it */
export const placeholderHelp: { syntax: string; means: string }[] = [
  { syntax: '{{组织}}', means: '文书所属组织的名称' },
  { syntax: '{{期间}}', means: '期间，如“2026年第一季度”' },
  { syntax: '{{年度}}', means: '年份，如“2026”' },
  { syntax: '{{指标:指标编码}}', means: '该组织及下级在本期间的指标数值（带单位），如 {{指标:outreach_sessions}} → 12场' },
  { syntax: '{{活动:活动类型编码}}', means: '本期间该类活动的清单（单独成行时逐条成段），如 {{活动:outreach_lecture}}' },
  { syntax: '{{目标进展}}', means: '本年度计划下达给该组织的目标及完成进度' },
  { syntax: '{{报送情况}}', means: '本期间下级单位报表的报送情况（应报、已报、按时、未报）' },
];
