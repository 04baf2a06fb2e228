import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportProposal, PlanImportDraft } from '@jinguo/common/plan-import.schema.ts';
import { buildTestApp, type Agent } from '../../../test/build-test-app.ts';

/**
 * The commitment finder on plan texts written for the purpose (fixtures/README.md): each text is sent to the API
 * as pasted text, the proposals are compared with the marked commitments; precision and recall are printed and
 * held to a floor, and so is the share of commitments matched to the metric they were marked with.
 */
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const FLOOR = 0.9;
const METRIC_FLOOR = 0.85;

type Expected = { value: number; unitText: string; context: string; metric: string | null; found: boolean };
type Corpus = { name: string; text: string; expected: Expected[]; distractors: string[] };

const halfWidth = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/％/g, '%').replace(/\uFF0E/g, '．');
/** the figure as marked: number, 万/千, the unit as written ("1.5万人次以上" → 15000, 人次) */
const FIGURE = /(\d+(?:\.\d+)?)(万|千)?(?:余|多)?(.+?)(?:以上)?$/;

function readCorpus(file: string): Corpus {
  const raw = halfWidth(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  const expected: Expected[] = [];
  const distractors: string[] = [];
  let text = '';
  let rest = raw;
  const marker = /\[\[([^\]|@]+)(?:\|([\d.]+))?(?:@([a-z_]+))?\]\]|\{\{([^}]+)\}\}/;
  for (let m = marker.exec(rest); m; m = marker.exec(rest)) {
    text += rest.slice(0, m.index);
    if (m[4] !== undefined) {
      distractors.push(m[4]);
      text += m[4];
    } else {
      const written = m[1];
      const figure = FIGURE.exec(written);
      const value = m[2] ? Number(m[2]) : Number(figure![1]) * (figure![2] === '万' ? 10_000 : figure![2] === '千' ? 1000 : 1);
      const unitText = written.startsWith('百分之') ? '%' : figure![3];
      const context = text.slice(-6).split(/[。；;！？\n：:）)]/).pop()! + written;
      expected.push({ value, unitText, context, metric: m[3] ?? null, found: false });
      text += written;
    }
    rest = rest.slice(m.index + m[0].length);
  }
  return { name: file, text: text + rest, expected, distractors };
}

const corpora = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort().map(readCorpus);
const t = await buildTestApp();
let admin: Agent;
beforeAll(async () => {
  admin = await t.login(t.users.countyAdmin);
});
afterAll(() => t.close());

/** the expected commitment a proposal stands for: same value and unit, its words in the proposal's sentence */
function claim(expected: Expected[], p: ImportProposal): Expected | null {
  const hit = expected.find((e) => !e.found && e.value === p.value && e.unitText === p.unitText && p.sentence.includes(e.context));
  if (hit) hit.found = true;
  return hit ?? null;
}

it('finds the marked commitments and leaves the distractors out (precision and recall over the corpus)', async () => {
  let proposed = 0;
  let correct = 0;
  let metricChecked = 0;
  let metricRight = 0;
  const problems: string[] = [];
  const lines: string[] = [];
  for (const c of corpora) {
    const res = await admin.post('/api/plans/import/text', { text: c.text });
    expect(res.statusCode, res.body).toBe(200);
    const draft = res.json() as PlanImportDraft;
    let docCorrect = 0;
    for (const p of draft.proposals) {
      const e = claim(c.expected, p);
      if (!e) {
        problems.push(`${c.name}: not a commitment: ${p.quote} in “${p.sentence}”`);
        continue;
      }
      docCorrect++;
      if (e.metric) {
        metricChecked++;
        const got = p.metric?.code ?? 'new';
        if (got === e.metric) metricRight++;
        else problems.push(`${c.name}: ${p.quote} matched to ${got} instead of ${e.metric} (${p.newMetric.name})`);
      }
    }
    for (const e of c.expected.filter((x) => !x.found)) problems.push(`${c.name}: missed ${e.context}`);
    proposed += draft.proposals.length;
    correct += docCorrect;
    lines.push(`  ${c.name}: ${c.expected.length} commitments, ${c.distractors.length} distractors, ${draft.proposals.length} proposed, ${docCorrect} right, ${draft.skipped.length} figures left out`);
  }
  const expectedTotal = corpora.reduce((n, c) => n + c.expected.length, 0);
  const distractorTotal = corpora.reduce((n, c) => n + c.distractors.length, 0);
  const precision = correct / proposed;
  const recall = correct / expectedTotal;
  const metricAccuracy = metricRight / metricChecked;
  // eslint-disable-next-line no-console -- the figures are the report of this test
  console.info(
    [
      `plan import corpus: ${corpora.length} texts, ${expectedTotal} commitments, ${distractorTotal} distractors`,
      ...lines,
      `  precision ${precision.toFixed(3)} (${correct}/${proposed}), recall ${recall.toFixed(3)} (${correct}/${expectedTotal}), metric match ${metricAccuracy.toFixed(3)} (${metricRight}/${metricChecked})`,
      ...problems.map((p) => `  - ${p}`),
    ].join('\n'),
  );
  expect(expectedTotal).toBeGreaterThanOrEqual(60);
  expect(distractorTotal).toBeGreaterThanOrEqual(40);
  expect(precision).toBeGreaterThanOrEqual(FLOOR);
  expect(recall).toBeGreaterThanOrEqual(FLOOR);
  expect(metricAccuracy).toBeGreaterThanOrEqual(METRIC_FLOOR);
});
