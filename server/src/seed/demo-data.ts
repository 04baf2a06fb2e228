import type { Random } from './demo-random.ts';

/** Word lists of the demo county (和顺县, Jinzhong, Shanxi): names, workplaces, places and activity titles. */

// common surnames in central Shanxi, most frequent first (weights are rough)
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 10], ['李', 9], ['张', 8], ['刘', 6], ['赵', 5], ['郭', 5], ['杨', 4], ['武', 4], ['高', 3], ['贾', 3],
  ['任', 3], ['梁', 3], ['田', 3], ['白', 2], ['郝', 2], ['韩', 2], ['乔', 2], ['范', 2], ['霍', 2], ['孟', 2],
  ['冯', 2], ['程', 2], ['陈', 2], ['史', 2], ['常', 2], ['崔', 1], ['宋', 1], ['秦', 1], ['曹', 1], ['段', 1],
  ['温', 1], ['侯', 1], ['石', 1], ['阎', 1], ['翟', 1], ['裴', 1], ['吕', 1], ['马', 1], ['邢', 1], ['弓', 1],
];
const GIVEN_FIRST = '秀丽桂玉淑春晓慧雅静海丽瑞月美建红丹凤俊亚雪文彩金';
const GIVEN_SECOND = '英芳兰梅霞燕红艳娟敏萍琴云华珍玲娥莲慧婷洁琳蓉丽娜平霞花';

export function womanName(random: Random): string {
  const surname = random.weighted(SURNAMES);
  const second = random.pick([...GIVEN_SECOND]);
  if (random.chance(0.15)) return `${surname}${second}`;
  return `${surname}${random.pick([...GIVEN_FIRST])}${second}`;
}

const PHONE_PREFIXES = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '183', '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '180', '181', '189', '177', '199'];

export function phoneNumber(random: Random): string {
  return `${random.pick(PHONE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

export const EDUCATION = {
  county: [['大学本科', 6], ['硕士研究生', 2], ['大专', 2]],
  township: [['大学本科', 5], ['大专', 4], ['中专', 1]],
  village: [['初中', 3], ['高中', 4], ['中专', 2], ['大专', 2], ['大学本科', 1]],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;

export const POLITICAL_STATUS: readonly (readonly [string, number])[] = [['中共党员', 6], ['群众', 3], ['共青团员', 1]];

export const COUNTY_WORKPLACES = [
  '和顺县人民医院', '和顺县妇幼保健计划生育服务中心', '和顺县教育科技局', '和顺县第一中学', '和顺县实验小学',
  '和顺县人民法院', '和顺县人民检察院', '和顺县公安局', '和顺县司法局', '和顺县民政局', '和顺县人力资源和社会保障局',
  '和顺县农业农村局', '和顺县文化和旅游局', '和顺县融媒体中心', '和顺县市场监督管理局', '和顺县卫生健康和体育局',
  '和顺县乡村振兴服务中心', '和顺县工商业联合会', '和顺县农村信用合作联社', '和顺县供电公司', '和顺县职业中学',
  '义兴镇中心学校', '李阳镇卫生院', '和顺县巾帼家政服务有限公司', '和顺县牛川农牧专业合作社', '和顺县残疾人联合会',
  '和顺县律师事务所', '和顺县电子商务公共服务中心', '和顺县邮政分公司', '和顺县图书馆',
];

export const TOWNSHIP_WORKPLACES = ['中心学校教师', '卫生院医生', '便民服务中心', '派出所民警', '司法所', '农业综合服务中心', '信用社', '中心幼儿园教师'];

export const VILLAGE_WORKPLACES = ['村委会委员', '小学教师', '村卫生室村医', '个体工商户', '农村电商从业者', '种养殖专业户', '合作社负责人', '村党支部委员', '幼儿园教师', '网格员'];

/** new-sector federations, a group member and an online group under the county federation */
export const COUNTY_EXTRA_ORGS = [
  { kind: 'new_sector', name: '和顺县人民医院妇联' },
  { kind: 'new_sector', name: '和顺县电子商务协会妇联' },
  { kind: 'new_sector', name: '和顺县巾帼家政服务有限公司妇联' },
  { kind: 'new_sector', name: '和顺县律师协会妇联' },
  { kind: 'group_member', name: '和顺县女企业家协会' },
  { kind: 'online_group', name: '和顺县“网上妇联”微信群' },
] as const;

export const WOMEN_GROUP_NAMES = ['第一村民小组妇女小组', '巾帼志愿服务妇女小组', '手工编织兴趣妇女小组'];
export const COMMUNITY_GROUP_NAMES = ['楼栋妇女小组', '网格妇女小组'];
export const MICRO_HOME_NAMES = ['“巾帼红”妇女微家', '“暖心”妇女微家', '“乡村振兴”妇女微家', '“好家风”妇女微家'];

export type OrgTier = 'county' | 'township' | 'village' | 'other';

/** kinds each tier records, with realistic weights */
export const KIND_WEIGHTS: Record<OrgTier, readonly (readonly [string, number])[]> = {
  county: [
    ['study_session', 3], ['first_agenda', 3], ['theme_party_day', 2], ['party_lecture', 1], ['outreach_lecture', 2],
    ['training', 2], ['exec_training', 2], ['field_research', 3], ['symposium', 2], ['warning_education', 1],
    ['integrity_talk', 1], ['family_education', 1], ['volunteer_service', 1], ['home_visit', 1],
  ],
  township: [
    ['study_session', 3], ['first_agenda', 1], ['outreach_lecture', 3], ['training', 2], ['exec_training', 2],
    ['volunteer_service', 2], ['field_research', 2], ['symposium', 1], ['family_education', 2], ['health_screening', 1],
    ['home_visit', 2], ['other', 1],
  ],
  village: [
    ['study_session', 3], ['outreach_lecture', 3], ['volunteer_service', 3], ['family_education', 2], ['home_visit', 3],
    ['theme_party_day', 1], ['training', 1], ['symposium', 1], ['health_screening', 1], ['other', 1],
  ],
  other: [['outreach_lecture', 2], ['volunteer_service', 3], ['family_education', 1], ['training', 2], ['symposium', 1], ['other', 1]],
};

const STUDY_TOPICS = [
  '党的二十届四中全会精神', '习近平总书记关于注重家庭家教家风建设的重要论述', '《中华人民共和国妇女权益保障法》',
  '《中华人民共和国反家庭暴力法》', '中国妇女第十三次全国代表大会精神', '习近平总书记考察山西重要讲话精神',
  '《中华人民共和国家庭教育促进法》', '中央八项规定精神', '《中国共产党纪律处分条例》',
];
const OUTREACH_TOPICS = ['党的创新理论', '妇女权益保障法', '反家庭暴力法', '文明家风', '乡村振兴政策', '防范电信网络诈骗', '民法典婚姻家庭编'];
const TRAINING_TOPICS = ['手工编织技能', '电商直播带货', '家政服务技能', '中式面点制作', '小杂粮种植技术', '月嫂育婴员', '养老护理'];
const VOLUNTEER_TOPICS = ['“清洁家园”', '关爱留守儿童', '敬老院送温暖', '“巾帼护河”', '文明交通劝导', '义诊进村'];
const FAMILY_TOPICS = ['好家风润童心', '科学育儿 快乐成长', '如何陪伴孩子度过青春期', '家校共育 携手同行', '隔代教育的误区'];
const VISIT_TOPICS = ['困难妇女', '留守儿童', '单亲困难母亲', '困难老党员', '残疾妇女家庭'];
const OTHER_TOPICS = ['“最美家庭”推荐评选', '“巾帼文明岗”创建交流', '“三八”国际妇女节庆祝活动', '母亲节主题活动', '“六一”儿童节关爱活动'];

/** a title in Chinese matching the kind; `where` is the org's short name, e.g. 东关村 */
export function activityTitle(random: Random, kind: string, where: string): string {
  const r = random;
  switch (kind) {
    case 'study_session': return `集中学习${r.pick(STUDY_TOPICS)}`;
    case 'first_agenda': return `“第一议题”：学习${r.pick(STUDY_TOPICS)}`;
    case 'theme_party_day': return r.pick(['“强党性 践初心”主题党日', '“重温入党誓词”主题党日', '“我为群众办实事”主题党日']);
    case 'party_lecture': return r.pick(['专题党课：以党建带妇建 凝聚巾帼力量', '专题党课：坚定理想信念 践行初心使命']);
    case 'outreach_lecture': return `巾帼大宣讲走进${where}：${r.pick(OUTREACH_TOPICS)}`;
    case 'training': return `${where}妇女${r.pick(TRAINING_TOPICS)}培训`;
    case 'exec_training': return r.pick(['基层妇联执委履职能力培训', '村（社区）妇联执委培训班', '妇联执委“学思践悟”专题培训']);
    case 'volunteer_service': return `${r.pick(VOLUNTEER_TOPICS)}巾帼志愿服务`;
    case 'field_research': return r.pick([`调研${where}妇女创业就业情况`, `调研${where}妇女之家建设情况`, `调研${where}留守妇女儿童关爱服务`]);
    case 'symposium': return r.pick(['妇女代表座谈会', '巾帼创业座谈会', '家庭教育工作座谈会', '执委履职恳谈会']);
    case 'warning_education': return r.pick(['警示教育大会', '参观廉政教育基地开展警示教育', '观看警示教育片']);
    case 'integrity_talk': return r.pick(['执委集体廉政谈话', '节前集体廉政谈话', '新任职干部廉政谈话']);
    case 'family_education': return `家庭教育讲座：${r.pick(FAMILY_TOPICS)}`;
    case 'health_screening': return `${where}适龄妇女“两癌”免费筛查`;
    case 'home_visit': return `走访慰问${r.pick(VISIT_TOPICS)}`;
    default: return r.pick(OTHER_TOPICS);
  }
}

export function activityPlace(random: Random, tier: OrgTier, where: string): string {
  if (tier === 'village') return `${where}${random.pick(['村委会会议室', '妇女之家', '文化广场', '新时代文明实践站'])}`;
  if (tier === 'township') return `${where}${random.pick(['政府会议室', '新时代文明实践所', '党群服务中心'])}`;
  if (tier === 'county') return random.pick(['和顺县妇联会议室', '和顺县委党校', '和顺县融媒体中心演播厅', '和顺县妇女儿童活动中心']);
  return `${where}会议室`;
}

/** participants: small at a village, larger higher up; within 8–120 */
export function participantCount(random: Random, tier: OrgTier): number {
  if (tier === 'village') return random.int(8, 60);
  if (tier === 'township') return random.int(20, 120);
  if (tier === 'county') return random.int(30, 120);
  return random.int(8, 80);
}
