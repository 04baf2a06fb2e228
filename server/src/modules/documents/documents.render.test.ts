import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocTemplateView, DocumentDetail } from '@jinguo/common/documents.schema.ts';
import { buildTestApp, type TestApp } from '../../test/build-test-app.ts';
import { testDbKind } from '../../test/fresh-db.ts';

/**
 * The .docx as a reader gets it: its XML holds the GB/T 9704 layout (page, margins, grid, fonts, heading styles,
 * page-number field), and LibreOffice turns it into A4 PDF pages with the page numbers in place. The fonts the
 * file names are not packaged for Linux: a fontconfig file maps them to Noto CJK for the preview. One page is
 * kept as test-results/documents-page-1.png to look at. Runs once (the database makes no difference here).
 */
const RESULTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test-results');
const FONT_MAP: [string, string][] = [
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['楷体_GB2312', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
  ['宋体', 'Noto Serif CJK SC'],
];

let t: TestApp;
let work: string;
let xml: Record<'document' | 'styles' | 'settings' | 'footers', string>;
let pdf: string;

function fontconfig(dir: string): string {
  const aliases = FONT_MAP.map(([from, to]) => `<alias binding="same"><family>${from}</family><prefer><family>${to}</family></prefer></alias>`).join('\n');
  const file = path.join(dir, 'fonts.conf');
  fs.writeFileSync(file, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${aliases}\n</fontconfig>\n`);
  return file;
}

async function makeDocument(): Promise<Buffer> {
  const county = await t.login(t.users.countyAdmin);
  for (let i = 0; i < 40; i++) {
    const res = await county.post('/api/activities', {
      orgId: i % 2 ? t.tree.villageA1.id : t.tree.villageB2.id,
      kindCode: i % 3 ? 'outreach_lecture' : 'study_session',
      title: `${i % 2 ? '东关村' : '石叠村'}巾帼宣讲第${i + 1}场`,
      date: `2026-${String((i % 10) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      participants: 20 + i,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const templates = (await county.get('/api/doc-templates')).json().items as DocTemplateView[];
  const duty = templates.find((x) => x.name === '述职报告')!;
  const made = await county.post('/api/documents', { templateId: duty.id, orgId: t.tree.county.id, period: '2026' });
  expect(made.statusCode, made.body).toBe(200);
  const doc = made.json() as DocumentDetail;
  const sections = [
    ...doc.sections.slice(0, 4),
    { level: 3, title: '抓好宣讲阵地', body: '依托妇女之家开展宣讲，做到村村有阵地、月月有活动。' },
    { level: 4, title: '建强宣讲队伍', body: '组建巾帼宣讲团，吸纳村妇联主席、执委和致富带头人参加。' },
    ...doc.sections.slice(4),
  ];
  await county.patch(`/api/documents/${doc.id}`, { sections });
  const res = await county.get(`/api/documents/${doc.id}/docx`);
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

describe.skipIf(testDbKind() === 'postgres')('the .docx rendered by LibreOffice', () => {
  beforeAll(async () => {
    t = await buildTestApp({ now: () => new Date('2026-11-25T02:00:00Z') });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-docx-'));
    const docx = await makeDocument();
    fs.writeFileSync(path.join(work, 'report.docx'), docx);
    const zip = await JSZip.loadAsync(docx);
    const read = (name: string) => zip.file(name)!.async('string');
    const footerNames = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    xml = {
      document: await read('word/document.xml'),
      styles: await read('word/styles.xml'),
      settings: await read('word/settings.xml'),
      footers: (await Promise.all(footerNames.map(read))).join('\n'),
    };
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, path.join(work, 'report.docx')],
      { env: { ...process.env, HOME: work, FONTCONFIG_FILE: fontconfig(work) }, timeout: 120_000, stdio: 'pipe' },
    );
    pdf = path.join(work, 'report.pdf');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('sets A4, the 37/35/28/26 mm margins, 22 lines of 28 characters', () => {
    expect(xml.document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml.document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // the body on the 22-line grid; the appendix (tables) in a section of its own without it
    expect(xml.document).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    expect(xml.document.match(/<w:sectPr>/g)).toHaveLength(2);
    const defaults = xml.styles.match(/<w:docDefaults>.*<\/w:docDefaults>/)?.[0] ?? '';
    expect(defaults).toContain('<w:spacing w:line="579" w:lineRule="exact"/>');
    expect(defaults).toContain('<w:spacing w:val="-5"/>');
    // 22 lines of 579 twips fit the body height, 23 do not; 28 characters of 16 pt less 5 twips fit its width, 29 do not
    const [height, width] = [16838 - 2098 - 1984, 11906 - 1587 - 1474];
    expect([22 * 579 <= height, 23 * 579 <= height]).toEqual([true, false]);
    expect([28 * (320 - 5) <= width, 29 * (320 - 5) <= width]).toEqual([true, false]);
  });

  it('names the fonts and sizes of the body, the title and each heading level', () => {
    const style = (id: string) => xml.styles.match(new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">.*?</w:style>`))?.[0] ?? '';
    const defaults = xml.styles.match(/<w:docDefaults>.*<\/w:docDefaults>/)?.[0] ?? '';
    expect(defaults).toContain('w:eastAsia="仿宋_GB2312"');
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(style('Title')).toContain('w:eastAsia="方正小标宋简体"');
    expect(style('Title')).toContain('<w:sz w:val="44"/>');
    expect(style('Title')).toContain('<w:jc w:val="center"/>');
    expect(style('Heading1')).toContain('w:eastAsia="黑体"');
    expect(style('Heading2')).toContain('w:eastAsia="楷体_GB2312"');
    expect(style('Heading3')).toContain('w:eastAsia="仿宋_GB2312"');
    expect(style('Heading4')).toContain('w:eastAsia="仿宋_GB2312"');
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Heading4']) expect(style(id)).toContain('<w:sz w:val="32"/>');
    const headings = [...xml.document.matchAll(/<w:pStyle w:val="(Heading\d)"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings).toEqual(expect.arrayContaining(['Heading1 一、主要措施与成效', 'Heading2 （一）加强思想政治引领', 'Heading3 1.抓好宣讲阵地', 'Heading4 （1）建强宣讲队伍', 'Heading1 三、下一步打算']));
  });

  it('puts "— page —" in 宋体 14 pt in the footers, right on odd pages and left on even ones', () => {
    expect(xml.settings).toContain('<w:evenAndOddHeaders/>');
    expect(xml.footers).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(xml.footers).toContain('— </w:t>');
    expect(xml.footers).toContain('w:eastAsia="宋体"');
    expect(xml.footers).toContain('<w:sz w:val="28"/>');
    expect(xml.footers).toContain('<w:jc w:val="right"/>');
    expect(xml.footers).toContain('<w:jc w:val="left"/>');
  });

  it('converts to an A4 PDF whose pages carry their numbers, in the mapped CJK fonts', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(info.match(/Pages:\s+(\d+)/)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSerifCJK/);
    expect(fonts).toMatch(/NotoSansCJK/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pageTexts = text.split('\f');
    expect(pageTexts[0]).toMatch(/和顺县妇联\s*2026\s*年度述职报告/);
    expect(pageTexts[0]).toMatch(/—\s*1\s*—/);
    expect(pageTexts[1]).toMatch(/—\s*2\s*—/);
    expect(text).toContain('附件');
    expect(text).toContain('数据来源');
    // a figure over more records than the appendix holds points to the sources table
    expect(text).toMatch(/共\s*26\s*条，此处列出前\s*20\s*条/);
    expect(text).toMatch(/2026\s*年\s*11\s*月\s*25\s*日/);
  });

  it('renders the pages to PNG (kept in test-results to look at)', () => {
    fs.mkdirSync(RESULTS, { recursive: true });
    for (const old of fs.readdirSync(RESULTS).filter((f) => f.startsWith('documents-page-'))) fs.rmSync(path.join(RESULTS, old));
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '3', pdf, path.join(RESULTS, 'documents-page')]);
    const pngs = fs.readdirSync(RESULTS).filter((f) => /^documents-page-\d+\.png$/.test(f));
    expect(pngs.length).toBeGreaterThanOrEqual(2);
    const first = fs.readFileSync(path.join(RESULTS, pngs.sort()[0]));
    expect(first.subarray(1, 4).toString()).toBe('PNG');
    expect(first.length).toBeGreaterThan(10_000);
  });
});
