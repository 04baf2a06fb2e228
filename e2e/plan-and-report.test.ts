// Issue 4's bar: the county issues a plan with a target split to its townships; a township fixes and resubmits its
// returned quarterly report on the phone; the county approves it, returns another with a reason, sees who is late
// and chases them; a late township's new user sees the reminder on her home page. The tests run in order on one
// server: each starts from the state the ones before it left.
import { todayInShanghai } from '@jinguo/common/periods.ts';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { eventually, logIn, parseFigure, submitLogin } from './helpers/app.ts';
import { buttonName, pageScrollWidth } from './helpers/browser.ts';
import { useAppUnderTest } from './helpers/fixture.ts';
import { ROOT } from './helpers/server.ts';

const app = useAppUnderTest();
const PHONE_WIDTH = 390;
const FORM = '妇女工作季度报表';
const SECTION = '五、巾帼大宣讲进万家（自动测试）';
const ITEM = '巾帼大宣讲进社区（自动测试）';
const METRIC = '巾帼大宣讲场次';
const TARGET = 90;
const TOWNSHIPS = 9;
const RETURN_REASON = '帮扶困难妇女家庭户数缺少名单，请补充后重新上报（自动测试）';
const LATE_TOWNSHIP = '城区妇联';
const LATE_USER = { username: 'chengqu_e2e', displayName: '城区填报员', initial: 'Heshun-Init#2026', changed: 'Heshun-Late#2027' };

/** the statuses a unit's report can show (report-labels.ts) and how completeness counts them */
const SUBMITTED = ['待审核', '已通过'];
const MISSING = ['未填报', '填报中', '已退回'];

/** dialogs and lists fade and zoom in and out: wait until none is moving, so that the picture shows them */
async function motionDone(page: Page): Promise<void> {
  const moving = ['zoom', 'fade', 'slide-up', 'move-up'].flatMap((m) => ['appear', 'enter', 'leave'].map((p) => `.ant-${m}-${p}`)).join(', ');
  await eventually(() => page.locator(moving).count()).toBe(0);
}

/** the screen only, like the phone's shots: a full-page capture of a long desktop page shrinks an open dialog to a speck */
async function screenShot(page: Page, step: string): Promise<void> {
  await motionDone(page);
  await page.screenshot({ path: path.join(ROOT, 'test-results', 'screenshots', `plan-report-desktop-${step}.png`) });
}

const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

/** the card of a task (section or item) by its exact title: the innermost card holding it */
function taskCard(page: Page, title: string): Locator {
  return page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title').getByText(title, { exact: true }) }).last();
}

/** the figure under a Statistic's title ("未报 / 4 个") */
async function statistic(scope: Locator, title: string): Promise<number> {
  const stat = scope.locator('.ant-statistic').filter({ has: scope.page().locator('.ant-statistic-title').getByText(title, { exact: true }) });
  return parseFigure(await stat.locator('.ant-statistic-content').innerText());
}

/** the completeness table: unit → the tag of its own report */
async function completenessRows(page: Page): Promise<Map<string, string>> {
  const rows = page.getByRole('tabpanel').locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  const result = new Map<string, string>();
  for (const row of await rows.all()) {
    const cells = row.getByRole('cell');
    result.set((await cells.nth(0).innerText()).trim(), (await cells.nth(1).innerText()).trim());
  }
  return result;
}

async function openReportOf(page: Page, orgName: string): Promise<void> {
  await page.goto('/reports?tab=below');
  await page.getByRole('link', { name: new RegExp(`^${orgName} · ${FORM} · `) }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: new RegExp(`^${FORM} · `) }).waitFor();
  await page.locator('.ant-descriptions').getByText(orgName, { exact: true }).waitFor();
}

/** the report's status tag beside its title */
const statusTag = (page: Page, text: string) => page.locator('.ant-tag', { hasText: new RegExp(`^${text}$`) }).first();

describe('a plan split down to the townships', () => {
  test('desktop: the county copies last year\'s plan, adds a section, an item and a target, and splits it evenly; a split that does not add up is refused', async () => {
    const { page, shot } = await app.open('desktop', 'plan-report');
    await logIn(page, app.login('admin'), '/plans');
    const year = Number(todayInShanghai().slice(0, 4));
    const next = year + 1;
    await page.getByRole('listitem').filter({ hasText: `${year}年工作要点` }).waitFor();
    await shot('01-plans');

    // next year has no plan yet: copy this year's as a start
    await page.goto(`/plans?year=${next}`);
    await page.getByText(`${next}年还没有工作计划`).waitFor();
    await page.getByRole('button', { name: `复制为${next}年计划` }).click();
    await page.getByRole('dialog').getByRole('button', { name: buttonName('复制') }).click();
    await page.getByRole('heading', { name: new RegExp(`${next}年工作要点`) }).waitFor();
    expect(await page.locator('main').last().innerText()).toContain('草稿');
    // the copied sections and their split targets came along
    await taskCard(page, '一、强化思想政治引领').waitFor();
    await screenShot(page, '02-copied-plan');

    await page.getByRole('button', { name: '添加部分' }).click();
    const taskDialog = dialog(page, '添加任务');
    await taskDialog.getByLabel('名称').fill(SECTION);
    await taskDialog.getByRole('button', { name: buttonName('保存') }).click();
    await taskDialog.waitFor({ state: 'hidden' });
    const section = taskCard(page, SECTION);
    await section.getByRole('button', { name: '事项' }).click();
    const itemDialog = dialog(page, `在“${SECTION}”下添加任务`);
    await itemDialog.getByLabel('名称').fill(ITEM);
    await itemDialog.getByRole('button', { name: buttonName('保存') }).click();
    await itemDialog.waitFor({ state: 'hidden' });
    const item = taskCard(page, ITEM);

    await item.getByRole('button', { name: '目标', exact: true }).click();
    const targetDialog = dialog(page, `为“${ITEM}”添加目标`);
    await eventually(() => targetDialog.getByRole('button', { name: /^组织：/ }).innerText()).toContain('和顺县妇联');
    await targetDialog.locator('.ant-form-item').filter({ has: page.getByText('指标', { exact: true }) }).locator('.ant-select-selector').click();
    await page.keyboard.type(METRIC);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${METRIC}（场）$`) }).click();
    // a full-page screenshot taken while the list is closing closes the dialog too: let the list go first
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await targetDialog.getByLabel('目标值').fill(String(TARGET));
    await screenShot(page, '03-target-form');
    await targetDialog.getByRole('button', { name: buttonName('保存') }).click();
    await targetDialog.waitFor({ state: 'hidden' });
    const countyTarget = item.getByTestId('target-row').filter({ hasText: `${METRIC} ${TARGET} 场` });
    await countyTarget.waitFor();

    // evenly among the townships: the parts add up
    await countyTarget.getByRole('button', { name: '分解' }).click();
    const split = dialog(page, new RegExp(`^分解目标：和顺县妇联 ${METRIC} ${TARGET} 场`));
    const parts = split.getByRole('spinbutton', { name: /的分解值$/ });
    await eventually(() => parts.count()).toBe(TOWNSHIPS);
    const evenly = await Promise.all((await parts.all()).map(async (p) => Number(await p.inputValue())));
    expect(evenly.reduce((a, b) => a + b, 0)).toBe(TARGET);
    expect(evenly).toEqual(Array(TOWNSHIPS).fill(TARGET / TOWNSHIPS));
    await eventually(() => split.getByRole('alert').innerText()).toContain(`合计 ${TARGET} 场，与目标值一致`);
    const save = split.getByRole('button', { name: '保存分解' });
    expect(await save.isEnabled()).toBe(true);
    await screenShot(page, '04-split-even');

    // by hand, parts that do not add up: the remainder is shown and the split cannot be saved
    await split.getByRole('spinbutton', { name: '李阳镇妇联的分解值' }).fill('5');
    await eventually(() => split.getByRole('alert').innerText()).toContain(`合计 ${TARGET - 5} 场，还剩 5 场 未分解`);
    expect(await save.isDisabled()).toBe(true);
    await screenShot(page, '05-split-remainder');
    await split.getByRole('spinbutton', { name: '李阳镇妇联的分解值' }).fill('15');
    await eventually(() => split.getByRole('alert').innerText()).toContain(`合计 ${TARGET + 5} 场，超出 5 场`);
    expect(await save.isDisabled()).toBe(true);
    await split.getByRole('button', { name: buttonName('取消') }).click();
    await split.waitFor({ state: 'hidden' });

    await countyTarget.getByRole('button', { name: '分解' }).click();
    await eventually(() => split.getByRole('alert').innerText()).toContain('与目标值一致');
    await save.click();
    await split.waitFor({ state: 'hidden' });
    // one part per township under the county's target, adding up to it
    const townshipRows = item.getByTestId('target-row').filter({ hasText: `${METRIC} ${TARGET / TOWNSHIPS} 场` });
    await eventually(() => townshipRows.count()).toBe(TOWNSHIPS);
    expect(await countyTarget.getByRole('button', { name: '调整分解' }).count()).toBe(1);
    expect(await item.innerText()).not.toContain('未分解');
    await item.scrollIntoViewIfNeeded();
    await screenShot(page, '06-split-saved');
  });

  test('desktop: a section added to the copied plan comes after the sections copied from last year', async () => {
    const { page } = await app.open('desktop', 'plan-report');
    const next = Number(todayInShanghai().slice(0, 4)) + 1;
    await logIn(page, app.login('admin'), `/plans?year=${next}`);
    await page.getByRole('listitem').filter({ hasText: `${next}年工作要点` }).click();
    await taskCard(page, SECTION).waitFor();
    // the top-level cards' titles, in the order shown
    const sections = await page.locator('.ant-card:not(.ant-card .ant-card) > .ant-card-head .ant-card-head-title').allInnerTexts();
    const titles = sections.map((t) => t.trim()).filter((t) => /^[一二三四五六七八九十]+、/.test(t));
    expect(titles.at(-1)).toBe(SECTION);
  });

  // after the test above: the new target of next year's plan
  test('phone: the plan and the split of its new target fit the screen', async () => {
    const { page, shot } = await app.open('phone', 'plan-report');
    await logIn(page, app.login('admin'), '/plans');
    const year = Number(todayInShanghai().slice(0, 4));
    await page.goto(`/plans?year=${year + 1}`);
    await page.getByRole('listitem').filter({ hasText: `${year + 1}年工作要点` }).click();
    const item = taskCard(page, ITEM);
    await item.waitFor();
    await item.scrollIntoViewIfNeeded();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('01-plan');
    await item.getByTestId('target-row').filter({ hasText: `和顺县妇联` }).getByRole('button', { name: '调整分解' }).click();
    const split = dialog(page, /^分解目标：/);
    await eventually(() => split.getByRole('spinbutton', { name: /的分解值$/ }).count()).toBe(TOWNSHIPS);
    await eventually(() => split.getByRole('alert').innerText()).toContain(`合计 ${TARGET} 场，与目标值一致`);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await motionDone(page);
    await shot('02-split');
  });
});

describe('quarterly reporting, review and chasing', () => {
  test('phone: 义兴镇 sees its returned report at home, checks the prefilled figures, fixes a value and resubmits', async () => {
    const { page, shot } = await app.open('phone', 'plan-report');
    await logIn(page, app.login('yixing'));
    const due = page.getByTestId('my-due-items');
    const returned = due.getByRole('listitem').filter({ hasText: FORM });
    await returned.waitFor();
    const text = await returned.innerText();
    expect(text).toContain('已退回');
    expect(text).toContain('退回理由：');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('03-home-returned');

    await returned.getByRole('button', { name: buttonName('修改') }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    await page.getByText('上级退回，请修改后重新上报').waitFor();
    // derived figures: prefilled from the records, read-only, with the records behind them
    const derived = page.locator('.ant-form-item').filter({ has: page.getByText('各类活动场次（场）', { exact: true }) });
    await derived.getByText('按活动记录自动统计').waitFor();
    expect(await derived.locator('input, textarea').count()).toBe(0);
    const figure = parseFigure(await derived.locator('strong').innerText());
    expect(figure).toBeGreaterThan(0);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('04-report-returned');
    await derived.getByRole('link', { name: '查看记录' }).click();
    const banner = page.getByRole('alert').filter({ hasText: '指标「各类活动场次」' });
    await eventually(() => banner.innerText()).toContain(`义兴镇妇联`);
    await eventually(() => banner.innerText()).toContain(`共 ${figure.toLocaleString('zh-CN')} 条`);
    await shot('05-records-behind');
    await page.goBack();

    const homes = page.getByLabel('新建妇女微家');
    await homes.waitFor();
    const before = Number(await homes.inputValue());
    const fixed = before + 2;
    await homes.fill(String(fixed));
    await shot('06-report-fixed');
    await page.getByRole('button', { name: buttonName('上报') }).click();
    await page.getByText('已上报，等待上级审核').waitFor();
    await statusTag(page, '待审核').waitFor();
    expect(await page.getByLabel('新建妇女微家').inputValue()).toBe(String(fixed));
    await eventually(() => page.getByRole('listitem').filter({ hasText: /^上报 · yixing/ }).count()).toBe(1);
    await shot('07-resubmitted');

    // the home page no longer asks for it
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '看板' }).click();
    await page.getByRole('list', { name: '指标' }).waitFor();
    await eventually(() => page.getByTestId('my-due-items').getByText('已退回').count()).toBe(0);
    // the home page opens where the report page was scrolled to (finding in e2e-findings-4.md): back to its top
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('08-home-after');
  });

  test('desktop: the county\'s list shows 义兴镇\'s resubmitted report as awaiting review, without the old return reason', async () => {
    const { page } = await app.open('desktop', 'plan-report');
    await logIn(page, app.login('admin'), '/reports?tab=below');
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(`^义兴镇妇联 · ${FORM}`) }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('待审核');
    expect(await row.innerText()).not.toContain('退回理由');
  });

  test('desktop: the county approves 义兴镇\'s resubmitted report and returns 松烟镇\'s with a reason', async () => {
    const { page, shot } = await app.open('desktop', 'plan-report');
    await logIn(page, app.login('admin'), '/reports');
    await page.getByRole('tab', { name: '下级报表' }).click();
    await page.getByRole('link', { name: new RegExp(`^义兴镇妇联 · ${FORM}`) }).waitFor();
    await shot('09-reports-below');

    await openReportOf(page, '义兴镇妇联');
    await statusTag(page, '待审核').waitFor();
    await page.getByRole('button', { name: buttonName('审核通过') }).click();
    await page.getByText('已审核通过，数据已锁定；如需修改，请联系上级重新打开').waitFor();
    await statusTag(page, '已通过').waitFor();
    expect(await page.getByRole('button', { name: buttonName('审核通过') }).count()).toBe(0);
    expect(await page.getByLabel('新建妇女微家').isDisabled()).toBe(true);
    await shot('10-approved');

    await openReportOf(page, '松烟镇妇联');
    await statusTag(page, '待审核').waitFor();
    await page.getByRole('button', { name: buttonName('退回修改') }).click();
    const ask = dialog(page, '退回修改');
    // a return without a reason is refused
    await ask.getByRole('button', { name: buttonName('确定') }).click();
    await ask.getByText('请填写理由').waitFor();
    await ask.getByLabel('理由').fill(RETURN_REASON);
    await screenShot(page, '11-return-reason');
    await ask.getByRole('button', { name: buttonName('确定') }).click();
    await ask.waitFor({ state: 'hidden' });
    await statusTag(page, '已退回').waitFor();
    await page.getByText(`理由：${RETURN_REASON}`).first().waitFor();
    expect(await page.locator('.ant-timeline').innerText()).toContain(`理由：${RETURN_REASON}`);
    await shot('12-returned');
  });

  test('desktop: completeness figures match the units, and 催报 reminds the late ones with a message to paste', async () => {
    const { page, shot } = await app.open('desktop', 'plan-report');
    await logIn(page, app.login('admin'), '/reports?tab=completeness');
    const panel = page.getByRole('tabpanel');
    const rows = await completenessRows(page);
    expect(rows.get('义兴镇妇联')).toBe('已通过');
    expect(rows.get('松烟镇妇联')).toBe('已退回');
    expect(rows.get(LATE_TOWNSHIP)).toBe('未填报');
    const count = (tags: string[]) => [...rows.values()].filter((t) => tags.includes(t)).length;
    const late = [...rows].filter(([, t]) => MISSING.includes(t)).map(([name]) => name);
    await eventually(() => statistic(panel, '应报')).toBe(rows.size);
    expect(await statistic(panel, '已报')).toBe(count(SUBMITTED));
    expect(await statistic(panel, '已通过')).toBe(count(['已通过']));
    expect(await statistic(panel, '退回')).toBe(count(['已退回']));
    expect(await statistic(panel, '未报')).toBe(late.length);
    expect(await panel.innerText()).toContain('已逾期');
    await shot('13-completeness');

    await panel.getByRole('button', { name: `催报（${late.length}）` }).click();
    const chase = dialog(page, '催报');
    await chase.getByText(`已向 ${late.length} 个未报单位发送站内提醒`).waitFor();
    const message = await chase.getByLabel('通知文字').inputValue();
    expect(message).toContain(`《${FORM}》`);
    expect(message).toContain(`以下 ${late.length} 个单位尚未报送`);
    for (const name of late) expect(message).toContain(name);
    for (const name of [...rows.keys()].filter((n) => !late.includes(n))) expect(message).not.toContain(name);
    await screenShot(page, '14-chase-message');
    await chase.getByRole('button', { name: buttonName('关闭') }).click();
  });

  test('phone: the county\'s completeness fits the screen', async () => {
    const { page, shot } = await app.open('phone', 'plan-report');
    await logIn(page, app.login('admin'), '/reports?tab=completeness');
    const panel = page.getByRole('tabpanel');
    await panel.getByText(LATE_TOWNSHIP, { exact: true }).waitFor();
    expect(await statistic(panel, '应报')).toBeGreaterThan(0);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('09-completeness');
  });

  test('phone: a new user of a late township changes her initial password and sees the county\'s reminder at home', async () => {
    const desk = await app.open('desktop', 'plan-report');
    await logIn(desk.page, app.login('admin'), '/users');
    await desk.page.getByRole('button', { name: '新建用户' }).click();
    const form = dialog(desk.page, '新建用户');
    await form.getByLabel('用户名').fill(LATE_USER.username);
    await form.getByLabel('姓名').fill(LATE_USER.displayName);
    await form.getByRole('button', { name: /^组织：/ }).click();
    const picker = dialog(desk.page, '选择组织');
    await picker.getByRole('searchbox', { name: '按名称搜索组织' }).fill(LATE_TOWNSHIP);
    // the search answers after a pause; until then the rows of the county's children (which open, not pick) show
    await picker.getByRole('button', { name: /^选择“/ }).waitFor({ state: 'detached' });
    await picker.getByRole('button', { name: new RegExp(`^${LATE_TOWNSHIP} `) }).first().click();
    await eventually(() => form.getByRole('button', { name: /^组织：/ }).innerText()).toContain(LATE_TOWNSHIP);
    await form.getByLabel('初始密码').fill(LATE_USER.initial);
    await screenShot(desk.page, '15-new-user');
    await form.getByRole('button', { name: buttonName('保存') }).click();
    await form.waitFor({ state: 'hidden' });
    await desk.page.getByRole('row').filter({ hasText: LATE_USER.username }).filter({ hasText: LATE_TOWNSHIP }).waitFor();

    const { page, shot } = await app.open('phone', 'plan-report');
    await page.goto('/login');
    await submitLogin(page, LATE_USER.username, LATE_USER.initial);
    await page.getByText('首次登录或密码已被重置，请先设置新密码。').waitFor();
    await page.getByLabel('原密码').fill(LATE_USER.initial);
    await page.getByLabel('新密码', { exact: true }).fill(LATE_USER.changed);
    await page.getByLabel('再次输入新密码').fill(LATE_USER.changed);
    await shot('10-change-password');
    await page.getByRole('button', { name: buttonName('确认修改') }).click();
    await page.getByRole('navigation', { name: '主菜单' }).waitFor();

    const due = page.getByTestId('my-due-items');
    const reminder = due.getByRole('alert').filter({ hasText: '和顺县妇联催报' });
    await reminder.waitFor();
    expect(await reminder.innerText()).toContain(`《${FORM}》`);
    expect(await reminder.innerText()).toContain('贵单位尚未报送');
    const item = due.getByRole('listitem').filter({ hasText: FORM });
    expect(await item.innerText()).toContain('已逾期');
    expect(await item.innerText()).toContain('未填报');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('11-late-home');

    // read: the reminder goes, the report to fill in stays
    await reminder.getByRole('button', { name: buttonName('知道了') }).click();
    await eventually(() => due.getByRole('alert').filter({ hasText: '和顺县妇联催报' }).count()).toBe(0);
    await item.getByRole('button', { name: buttonName('填报') }).waitFor();
    await shot('12-reminder-read');
  });
});
