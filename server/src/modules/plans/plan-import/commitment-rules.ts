import type { MetricUnit } from '@jinguo/common/units.ts';

/**
 * The word lists behind finding commitments: units as plans write them, the words that may not follow a unit
 * (人 of 人员, 家 of 家庭), the words that make a figure a count of what exists or a figure of the past, and the
 * verbs that open a commitment. Kept apart from the finder so that they can be read and extended as data.
 */

/** units as written → the metric unit; longest first so that 人次 wins over 人 */
export const UNIT_WORDS: [string, MetricUnit][] = [
  ['个百分点', '%'],
  ['人次', '人次'],
  ['户次', '户'],
  ['场次', '场'],
  ['%', '%'],
  ['个', '个'],
  ['人', '人'],
  ['名', '人'],
  ['位', '人'],
  ['户', '户'],
  ['场', '场'],
  ['次', '次'],
  ['期', '期'],
  ['家', '个'],
  ['所', '个'],
  ['支', '个'],
  ['项', '个'],
  ['批', '个'],
  ['件', '个'],
  ['篇', '个'],
  ['处', '个'],
  ['座', '个'],
  ['条', '个'],
  ['份', '个'],
  ['对', '个'],
  ['套', '个'],
  ['册', '个'],
  ['类', '个'],
  ['节', '个'],
  ['堂', '个'],
  ['本', '个'],
  ['张', '个'],
  ['门', '个'],
  ['部', '个'],
];

/**
 * units no metric can hold (money, time): such a figure is listed among those left out, with this reason, so that a
 * person sees it and can add the target by hand; longest first, as above
 */
export const UNITS_WITHOUT_METRIC = ['元', '小时', '学时', '课时'];
export const NO_METRIC_UNIT = '没有可用的计量单位（金额、时长）';

/** what may not follow a unit word: then it is the start of another word (人员, 家庭, 期间, 个月) */
export const NOT_AFTER_UNIT: Record<string, RegExp> = {
  个: /^(月|小时|工作日|季度|年度|学期|星期|阶段|方面|环节|层面|维度|步骤|板块|人(?!次)|体|性|别)/,
  人: /^(员|民|大|才|口|身|士|群|物|事|格|生|文|心|力|居|社|权|选|工|类|口)/,
  名: /^(单|称|额|义|誉|片|录|人|牌|列|字|次|号)/,
  位: /^(置|于|列|次|数)/,
  家: /^(万|庭|长|风|教|务|政|乡|园|属|暴|训|书|国|族|事|人|宅|居|访|门|校|底|当)/,
  户: /^(籍|外|口|型|主|部|内)/,
  场: /^(所|地|景|馆|合|面|域|次)/,
  次: /^(数|要|序|日|生|级|年)/,
  期: /^(间|限|末|刊|望|待|盼|满|货|中|初)/,
  所: /^(有|在|属|以|谓|需|得|长|处)/,
  支: /^(持|部|出|付|撑|援|柱)/,
  项: /^(目|链)/,
  批: /^(准|评|复|示|次)/,
  篇: /^(章|幅)/,
  处: /^(理|置|室|长|分|罚|境)/,
  条: /^(例|件|款|线|理)/,
  份: /^(额|子)/,
  对: /^(象|于|话|接|标|照|策|外|待|比|应|口)/,
  套: /^(餐)/,
  类: /^(似|型|别)/,
  节: /^(日|约|点|目|能|假|庆|水|奏|省|俭|制|选|余|气|俗|令|育)/,
  堂: /^(屋|皇|兄|妹)/,
  本: /^(地|级|人|身|单|次|科|土|着|年|领|质|色|部|市|县|区|镇|乡|村|届|期|职|来|轮)/,
  张: /^(贴|挂|扬|力|开|罗|望)/,
  门: /^(户|诊|槛|类|店|口|前|面|市|窗|路|铃|票|禁|卫|岗)/,
  元: /^(素|旦|宵|首|老|件|年)/,
  部: /^(门|分|署|长|队|位|委|属|件|落|室|际|级|会|里|办|局|和|是|署|分|动|位|机|省|市|县|区|乡|镇|村|队|党|署|件|份|署)/,
};

/** political slogans counted with 个 (两个确立, 四个意识): never targets */
export const SLOGAN_AFTER_GE = /^(确立|维护|意识|自信|全面|务必|必须|结合|坚持|大局|一百年|中心|基本点|代表|服务|着力)/;

/** the qualifiers written before a figure ("不少于200场") — kept in the quote */
export const QUALIFIERS = ['不少于', '不低于', '至少', '达到', '达', '超过', '共计', '总计', '累计', '合计', '共', '约', '近', '力争', '确保', '完成', '实现', '保持在', '稳定在', '提高到', '提升到', '提升至', '提高至', '增加到', '增至', '控制在', '在'];

/**
 * a rule for each unit or each period ("每季度召开1次", "各乡镇不少于20期"), not a total; 各 after a verb names
 * whom the work reaches ("组织各级宣讲员开展宣讲150场"), not who must do it
 */
export const PER_UNIT = /每|(?<![在到向为织动员导领召合托促])各(县|市|区|乡|镇|村|社区|单位|地|部门|级|网格|支部|基层)/;
/** the figure names the set a per-unit rule then applies to ("确保8名执委每人至少联系10名妇女") */
export const PER_UNIT_AFTER = /^[^，,；;。]*(每(人|名|个|户|村|家|月|季度|年)|各自)/;
/** a figure of what already exists, when no commitment verb follows the cue */
export const EXISTING_CUE = /(现有|已有|共有|仍有|尚有|下辖|辖|拥有|现已|已经|已建成|已建立|已建|已达到|已达|已完成|已覆盖|已实现|已成立|已培育|已组建|原有|目前|截至|截止|现存|存量|全[县市区省镇乡]有|本[县市区镇]有)/g;
/** what the work leans on, which exists already ("依托8个示范基地举办培训15期"): counts only until a verb follows */
export const RESOURCE_CUE = /(依托|借助|利用|发挥|立足|围绕)/g;
/** the whole of a place's units ("全县9个乡镇和178个村", "对全市11个县（区）开展督导"): what exists, not a target */
export const WHOLE_OF_PLACE = /全[省市县区镇乡村](?:共|的)?(?:\d+[^\d，,；;。]{1,12}[和、及与])*$/;
/** the figure names the units a coverage reaches ("实现17个村（社区）全覆盖") */
export const SCOPE_AFTER = /^[^，,；;。]{0,12}(全覆盖|全部覆盖|全域覆盖)/;
/** verbs that say how far what exists reaches ("现有示范基地27个，带动4100名妇女就业"): they do not turn a count of what exists into work */
export const REACH_VERBS = /^(带动|惠及|覆盖|服务|辐射|受益)/;
/** the document counting its own parts ("本表共9项任务", "上述5项工作") */
export const SELF_COUNT_CUE = /(本表|本方案|本计划|本文件|本通知|上述|以上各)/g;
/** a share of a whole without a level to reach ("占考核总分的10%"): a weighting or a composition, not a target */
export const SHARE_OF = /占[^，,；;。]{0,16}$/;
/** a level to reach, which ends the reach of a cue of existence from an earlier clause ("支部共有党员18名，参学率要达到100%") */
export const TARGET_WORDS = /(达到|不少于|不低于|力争|确保|提高到|提升到|提升至|提高至|保持在|控制在)/;
/** a figure of the past within its clause */
export const PAST_CUE = /(去年|上年|上一年|前年|往年|过去|以往|近年来|此前|曾经|曾|先后|荣获|获得|获评|被评为|累计已|已累计|今年以来|年初以来|以来)/g;
/** after a cue of existence or the past, these words make the figure a commitment again ("在现有基础上新建…") */
export const FUTURE_AFTER_CUE = /(基础上|新建|新增|新培育|新发展|再建|力争|确保|计划|继续|进一步|今年|全年|年内|还将|将)/;
/** a sentence that opens by placing itself in the past ("去年，…", "2025年，…", "一年来，…") */
export const PAST_OPENING = /^(去年|上年|上一年|前年|过去|以往|近年来|近[\d一二三四五两]+年|今年以来|年初以来|一年来|[\d一二三四五两]+年来|自[^，,]{1,20}以来|截至|截止|[^，,]{0,12}以来)/;
/** a section that looks back on work done: its figures are results, not commitments */
export const PAST_SECTION = /(回顾|工作总结$|成效|成绩|完成情况|基本情况|现状|存在的问题|存在问题|不足|短板)/;
/** a report on work done (述职报告, 工作总结) whose title promises no plan: its sections look back, but for those of next steps */
export const REPORT_TITLE = /(述职|总结|汇报|报告)/;
export const PLAN_TITLE = /(计划|打算|要点|方案|安排|思路|意见|通知)/;
export const FORWARD_SECTION = /(下一步|打算|计划|安排|思路|目标|努力方向|工作重点|意见建议)/;
/** 了 marking a thing done ("开展了"), not 为了/了解/除了 */
export const DONE_LE = /(?<![为除])了(?!解|结|然|不起)/;

/** the verbs that open a commitment; also those that, after a cue of existence or the past, make it one again */
export const VERBS = [
  '组织开展', '新建', '新增', '新培育', '新发展', '新命名', '再建', '建设', '建成', '建立', '打造', '培育', '创建', '开展', '举办', '组织', '举行', '召开', '培训', '轮训',
  '帮扶', '走访', '慰问', '服务', '覆盖', '选树', '评选', '推选', '表彰', '发展', '吸纳', '招募', '组建', '成立', '实施', '完成', '推出', '征集', '宣讲', '筛查',
  '救助', '资助', '提供', '设立', '挂牌', '命名', '推荐', '联系', '结对', '发布', '制作', '编印', '发放', '实现', '增加', '培养', '落实', '开设', '设置', '孵化',
  '扶持', '带动', '惠及', '认定', '申报', '开通', '办理', '调解', '受理', '排查', '化解', '宣传', '开发', '举荐', '评定', '树立', '挖掘', '寻访', '遴选', '授予',
  '招聘', '安置', '对接', '引导', '动员', '帮助', '解决', '关爱', '看望', '接待', '印发', '推广', '投放', '编发', '拍摄', '上线', '讲授', '学习', '集中学习',
];
export const VERB_RE = new RegExp(`(${[...VERBS].sort((a, b) => b.length - a.length).join('|')})+`);
/** words before the verb that say nothing about what is counted */
export const LEADING_FILLER = /^(全年|年内|今年|本年度|全县|全市|全区|全镇|全乡|各级妇联|各乡镇|县妇联|市妇联|镇妇联|力争|确保|计划|持续|深入|积极|广泛|着力|重点|要|将|再|共|分别|并|同时|争取|努力|累计|面向|在|为|还|另外|此外)+/;
/** an object that names a rate or a share: the figure is its level */
export const RATE_WORDS = /(率|比例|占比|满意度|覆盖面|比重)$/;
/** a percentage after these words is a change, not a level */
export const CHANGE_BEFORE_PERCENT = /(增长|提高|下降|降低|减少|增加|提升)$/;
