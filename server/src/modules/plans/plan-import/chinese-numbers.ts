/** Numbers as plan documents write them: Arabic (full- or half-width), Chinese numerals, 万/千 multipliers. */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const POWERS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/** full-width digits, letters, percent and dots to half-width; no-break and ideographic spaces to plain ones */
export function normaliseWidth(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/％/g, '%')
    .replace(/\uFF0E/g, '．')
    .replace(/[\u00A0\u2002\u2003\u2009]/g, ' ');
}

/**
 * A Chinese numeral ("三千六百", "十五", "两万") or null when the characters are not one number — "十四五"
 * (a plan's name) and "二〇二六" (a year written digit by digit) are not.
 */
export function parseChineseNumber(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastPower = Infinity;
  for (const ch of s) {
    // the 零 of 一百零五 only marks a skipped place
    if ((ch === '零' || ch === '〇') && digit === null && section > 0) continue;
    if (ch in DIGITS) {
      if (digit !== null) return null;
      digit = DIGITS[ch];
    } else if (ch in POWERS) {
      const power = POWERS[ch];
      if (power >= lastPower) return null;
      section += (digit ?? (section === 0 && total === 0 ? 1 : 0)) * power;
      if (digit === null && !(section === power && total === 0)) return null;
      digit = null;
      lastPower = power;
    } else if (ch === '万') {
      section += digit ?? 0;
      if (section === 0 && total === 0) return null;
      total = (total + section) * 10_000;
      section = 0;
      digit = null;
      lastPower = Infinity;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

/** "1.2" with "万" → 12000; Chinese numerals through parseChineseNumber */
export function numberOf(text: string, multiplier: string | undefined): number | null {
  const base = /^\d/.test(text) ? Number(text.replace(/,/g, '')) : parseChineseNumber(text);
  if (base === null || !Number.isFinite(base)) return null;
  const factor = multiplier === '万' ? 10_000 : multiplier === '千' ? 1000 : 1;
  return Math.round(base * factor * 100) / 100;
}
