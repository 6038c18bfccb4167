import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { lastDayOf } from '../../seeds/generator/calendar.js';
import { generateProvince } from '../../seeds/generator/generate.js';
import { writeEmployers } from '../../seeds/generator/writers/employers.js';
import { writeProvince } from '../../seeds/generator/writers/province.js';
import { businessToday } from '../../src/infrastructure/clock.js';
import {
  formatDate,
  formatMoney,
  formatPercent,
  formatPeriod,
} from '../../src/web/src/lib/format.js';
import { vi } from '../../src/web/src/lib/messages.js';
import {
  createUser,
  eventually,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../support/harness.js';
import { importClient } from '../support/imports.js';
import { expectAccessible, launchChromium, screenshot } from './browser.js';

/**
 * The web console end to end, in Debian's chromium against the real app (HTTP + in-process workers,
 * scratch SQLite, own Redis prefix). A synthetic province goes in through the HTTP API (offices,
 * employers, rosters, receipts, receivables) and a nightly run reconciles it as of day D; then an
 * officer, an inspector, an officer of another office and an admin use the console on what came out.
 * axe-core runs on every page visited; screenshots go to test/e2e/screenshots (gitignored).
 */

jest.setTimeout(240_000);

interface Credentials {
  email: string;
  password: string;
}

/** Signs in through the sign-in page (the console sends a signed-out visitor there). */
async function signIn(page: Page, base: string, who: Credentials): Promise<void> {
  await page.goto(`${base}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel(/Thư điện tử|Email/).fill(who.email);
  await page.getByLabel(/Mật khẩu|Password/).fill(who.password);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface LedgerBody {
  unitCode: string;
  periods: { period: string; receivable: number }[];
  payments: {
    bankRef: string;
    superseded: boolean;
    allocations: { period: string; fund: string; kind: string; amount: number }[];
  }[];
  totals: { receivable: number; principalOutstanding: number; overduePrincipal: number };
  monthsOfDebt: number;
}

describe('web console (chromium, real app on SQLite)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let page: Page; // the officer's
  let officer: TestUser;
  let inspector: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  const dir = mkdtempSync(join(tmpdir(), 'sothu-e2e-'));
  // from 2025-08: the old regime's monthly k rates are published data we hold only for 2020
  const province = generateProvince({ seed: 5, scale: 'small', months: 15 });
  const D = lastDayOf(province.options.endPeriod);
  const workbook = join(dir, 'danh-sach-don-vi.xlsx');
  const http = () => request(t.app.getHttpServer());
  /** the employer whose ledger the officer opens: one with payments as of D */
  let ledger: LedgerBody;
  let employerName: string;

  async function session(who: Credentials): Promise<Page> {
    const context = await browser.newContext({
      acceptDownloads: true,
      locale: 'vi-VN',
      viewport: { width: 1360, height: 900 },
    });
    contexts.push(context);
    const p = await context.newPage();
    await p.addInitScript(() => localStorage.setItem('sothu.lang', 'vi'));
    await signIn(p, base, who);
    return p;
  }

  beforeAll(async () => {
    browser = await launchChromium(); // fails first, with the install hint, if chromium is missing
    t = await startTestApp('sqlite', { UPLOAD_RATE_LIMIT: '1000', AUTH_LOGIN_RATE_LIMIT: '100' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

    // the province, through the HTTP API as an admin
    admin = await createUser(t, { role: 'admin' });
    const asAdmin = () => admin.headers;
    const { importAndCommit } = importClient(() => t.app, asAdmin);
    for (const o of province.offices)
      await http().post('/api/offices').set(asAdmin()).send(o).expect(201);
    const files = await writeProvince(province, join(dir, 'province'), { truth: false });
    await importAndCommit(join(dir, 'province', files.employers), 'employers');
    for (const r of files.rosters) await importAndCommit(join(dir, 'province', r), 'roster');
    for (const r of files.receipts)
      await importAndCommit(join(dir, 'province', r.file), 'receipts');
    await importAndCommit(join(dir, 'province', files.receivables), 'receivables');

    // the nightly run for day D
    const run = await http().post('/api/runs').set(asAdmin()).send({ day: D }).expect(202);
    await eventually(async () => {
      const job = await http().get(`/api/jobs/${run.body.jobId}`).set(asAdmin()).expect(200);
      if (job.body.state === 'failed') throw new Error(job.body.failedReason);
      const runs = await http().get('/api/runs').set(asAdmin()).expect(200);
      return runs.body.items.find(
        (r: { day: string; status: string }) => r.day === D && r.status === 'completed',
      );
    }, 120_000);

    for (const e of province.employers) {
      const l = (
        await http().get(`/api/employers/${e.unitCode}/ledger?asOf=${D}`).set(asAdmin()).expect(200)
      ).body as LedgerBody;
      if (
        l.payments.some((p) => !p.superseded && p.allocations.length > 0) &&
        l.periods.length > 0
      ) {
        ledger = l;
        employerName = e.name;
        break;
      }
    }
    expect(ledger).toBeDefined();

    const offices = province.offices.map((o) => o.code);
    officer = await createUser(t, { role: 'officer', offices });
    inspector = await createUser(t, { role: 'inspector', offices });
    outsider = await createUser(t, { role: 'officer' }); // of another office (09901), none of the province's
    await writeEmployers(province, workbook);
    page = await session(officer);
  }, 420_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  it('serves the console at / with client routes falling back to index.html, and keeps API 404s as JSON', async () => {
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    const deep = await fetch(`${base}/employers/${ledger.unitCode}`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const api404 = await fetch(`${base}/api/nowhere`);
    expect(api404.status).toBe(404);
    expect(await api404.json()).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
    expect((await fetch(`${base}/health`)).headers.get('content-type')).toContain('json');
  });

  it('uploads an employer registry, watches it validate, commits it', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/imports$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Nhập dữ liệu từ tệp Excel',
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expectAccessible(page, 'imports');
    await screenshot(page, '01-imports');

    // keyboard: the kind select is labelled and reachable
    await page.getByLabel('Loại dữ liệu').selectOption('c12-summary');
    await page.getByLabel('Kỳ của bảng C12 (MM/YYYY)').waitFor();
    await page.getByLabel('Loại dữ liệu').selectOption('employers');
    await page.locator('input[type=file]').setInputFiles(workbook);
    await page.getByTestId('import-submit').click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page
      .locator('[data-testid=import-status][data-status=validated]')
      .waitFor({ timeout: 60_000 });
    const n = province.employers.length;
    expect(await page.getByTestId('count-valid').textContent()).toContain(String(n));
    expect(await page.getByTestId('count-invalid').textContent()).toContain('0');
    await expectAccessible(page, 'import-validated');
    await screenshot(page, '02-import-validated');

    await page.getByTestId('import-commit').click();
    await page
      .locator('[data-testid=import-status][data-status=committed]')
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('count-committed').textContent()).toContain(String(n));
    await expectAccessible(page, 'import-committed');
    await screenshot(page, '03-import-committed');
  });

  it('downloads a template', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page.waitForURL(/\/imports$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Mẫu: Danh sách đơn vị/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('sothu-employers-template.xlsx');
    // a form named once: "(D02-LT)" is in the roster's label already
    const roster = page.getByRole('link', { name: /Mẫu: Danh sách lao động/ });
    const rosterText = (await roster.textContent()) ?? '';
    expect(rosterText).toContain('Mẫu: Danh sách lao động tham gia (D02-LT)');
    expect(rosterText).not.toContain('(D02-LT) (D02-LT)');
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an xlsx is a zip
    // the batch just committed is listed among the officer's uploads (GET /api/imports), as committed
    const listed = page
      .getByTestId('import-list')
      .getByRole('row')
      .filter({ hasText: 'danh-sach-don-vi.xlsx' });
    await listed.waitFor({ timeout: 15_000 });
    expect(await listed.count()).toBe(1);
    expect(await listed.getByTestId('import-status').getAttribute('data-status')).toBe('committed');
  });

  it('switches to English and back', async () => {
    await page.getByTestId('switch-language').click();
    await page.getByRole('heading', { level: 1, name: 'Import Excel workbooks' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible(page, 'imports-en');
    await screenshot(page, '04-imports-en');
    await page.getByTestId('switch-language').click();
    await page.getByRole('heading', { level: 1, name: 'Nhập dữ liệu từ tệp Excel' }).waitFor();
  });

  it.each([
    ['/employers', 'Đơn vị sử dụng lao động'],
    ['/receipts', 'Giấy báo có chờ đối chiếu'],
    ['/office', 'Tình hình nợ và tỷ lệ chậm đóng'],
  ])("%s renders the officer's page from the real API, without an error", async (path, title) => {
    await page.goto(`${base}${path}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.api-error').count()).toBe(0);
    await expectAccessible(page, path);
    await screenshot(page, `page${path.replaceAll('/', '-')}`);
  });

  it("the officer's menu follows the role from /api/me; an inspector's page says the role cannot open it", async () => {
    await page.goto(`${base}/employers`);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Giấy báo có chờ đối chiếu' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Cảnh báo thanh tra' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Hồ sơ thanh tra' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    expect(await page.getByText(`(${vi.role_officer})`).count()).toBe(1);
    await page.goto(`${base}/flags`);
    await page.getByText('Vai trò của bạn không mở được trang này.').waitFor();
    await expectAccessible(page, 'forbidden');
  });

  it('the officer confirms a suggested receipt, and the API records the match', async () => {
    await page.goto(`${base}/receipts?status=suggested`);
    await page.getByRole('heading', { level: 1, name: 'Giấy báo có chờ đối chiếu' }).waitFor();
    const confirm = page.getByRole('button', { name: /^Xác nhận [A-Z0-9]+$/ }).first();
    await confirm.waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'receipts-suggested');
    await screenshot(page, 'receipts-suggested');
    const unit = (await confirm.textContent())!.replace('Xác nhận', '').trim();
    const row = page.locator('.ant-table-row', { has: confirm });
    const bankRef = (await row.locator('td').nth(2).textContent())!.trim();
    await confirm.click();
    await page.getByText(`Đã khớp với ${unit}.`).waitFor();
    const matched = await http()
      .get(`/api/receipts?status=matched&unitCode=${unit}&limit=200`)
      .set(officer.headers)
      .expect(200);
    expect(matched.body.items.map((r: { bankRef: string }) => r.bankRef)).toContain(bankRef);
  });

  it("the employer page shows the ledger's periods, a payment's D.1/D.2 split a click away, and downloads ledger.xlsx", async () => {
    const unit = ledger.unitCode;
    await page.goto(`${base}/employers/${unit}?asOf=${D}`);
    await page
      .getByRole('heading', {
        level: 1,
        name: `Bảng đối chiếu (C12-TS) của ${unit} — ${employerName}`,
      })
      .waitFor();
    const periods = page.locator('section', {
      has: page.getByRole('heading', { name: 'Các kỳ', exact: true }),
    });
    const first = ledger.periods[0];
    await periods.getByRole('cell', { name: formatPeriod(first.period), exact: true }).waitFor();
    expect(await periods.getByRole('row').nth(1).textContent()).toContain(
      formatMoney(first.receivable),
    );
    expect(await periods.textContent()).toContain(formatMoney(ledger.totals.receivable)); // the totals row
    expect(await page.getByText(`Tính đến ngày ${formatDate(D)}`).count()).toBeGreaterThan(0);
    // overdue and not yet due apart, adding up to the balance; how charges are booked; months to one decimal
    const notYetDue = ledger.totals.principalOutstanding - ledger.totals.overduePrincipal;
    expect(await page.getByTestId('balance-split').textContent()).toBe(
      `Gốc còn nợ ${formatMoney(ledger.totals.principalOutstanding)} = quá hạn ${formatMoney(ledger.totals.overduePrincipal)} + chưa đến hạn ${formatMoney(notYetDue)}`,
    );
    await page
      .getByText('Lãi chậm đóng được ghi tại mỗi lần đơn vị nộp tiền', { exact: false })
      .waitFor();
    expect(await page.getByTestId('months-of-debt').getAttribute('data-exact')).toBe(
      String(ledger.monthsOfDebt),
    );
    expect(await page.getByTestId('months-of-debt').textContent()).toMatch(
      /^Số tháng nợ\d[\d.]*,\d(?!\d)/,
    );
    await expectAccessible(page, 'employer-ledger');
    await screenshot(page, 'employer-ledger');

    const payment = ledger.payments.find((p) => !p.superseded && p.allocations.length > 0)!;
    await page
      .getByRole('button', { name: `Xem phân bổ ${payment.bankRef}` })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(vi.d1).first().waitFor();
    expect(await dialog.textContent()).toContain(vi.d2);
    expect(await dialog.textContent()).toContain(formatMoney(payment.allocations[0].amount));
    expect(await dialog.textContent()).toContain(formatPeriod(payment.allocations[0].period));
    expect(await dialog.textContent()).not.toMatch(/SI_SICK|SI_RETIRE|SI_OA|\bHI\b|\bUI\b/); // funds by name
    await expectAccessible(page, 'employer-allocation-dialog');
    await screenshot(page, 'employer-allocation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải bảng đối chiếu (ledger.xlsx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ledger-${unit}-${D}.xlsx`);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // as of another day: typed dd/mm/yyyy, one Enter applies it
    const ledgerAsked = page.waitForRequest((r) => r.url().includes('/ledger?asOf=2026-05-31'));
    const asOf = page.getByLabel('Tính đến ngày (dd/mm/yyyy)');
    await asOf.fill('31/05/2026');
    await asOf.press('Enter');
    await page.waitForURL(/asOf=2026-05-31/);
    await ledgerAsked;
    await page
      .getByText(`Tính đến ngày ${formatDate('2026-05-31')}`)
      .first()
      .waitFor();
  });

  it('the office view shows the arrears ageing and both ratios with numerator and denominator', async () => {
    // an officer starts on his own (first) office, not the whole system
    const own = province.offices[0]!.code;
    const arrears = (
      await http().get(`/api/arrears?asOf=${D}&office=${own}`).set(officer.headers).expect(200)
    ).body;
    const ratio = (
      await http()
        .get(`/api/ratios?scope=office&code=${own}&asOf=${D}`)
        .set(officer.headers)
        .expect(200)
    ).body;
    expect(arrears.totals.overduePrincipal).toBeGreaterThan(0);
    await page.goto(`${base}/office?asOf=${D}`);
    await page.waitForURL(new RegExp(`office=${own}`));
    await page
      .getByRole('heading', { level: 2, name: `Tỷ lệ chậm đóng — ${vi.scope_office} ${own}` })
      .waitFor();
    await page
      .getByRole('heading', { level: 1, name: 'Tình hình nợ và tỷ lệ chậm đóng' })
      .waitFor();
    for (const k of ['lt1', 'm1to3', 'm3to6', 'm6to12', 'ge12'] as const) {
      const label = vi[`age_${k}`];
      await page
        .getByRole('row', {
          name: new RegExp(`^${escape(label)} ${escape(formatMoney(arrears.totals.ageing[k]))}$`),
        })
        .waitFor();
    }
    // the chart, with its data for screen readers
    await page
      .getByRole('img', {
        name: new RegExp(
          `^${escape(vi.ageing)}: .*${escape(`${vi.age_m1to3} ${formatMoney(arrears.totals.ageing.m1to3)}`)}`,
        ),
      })
      .waitFor();
    const all = page.getByRole('row', { name: new RegExp(`^${escape(vi.ratioAll)} `) });
    const without = page.getByRole('row', { name: new RegExp(`^${escape(vi.ratioWithoutHard)} `) });
    expect(await all.textContent()).toBe(
      `${vi.ratioAll}${formatMoney(ratio.all.numerator)}${formatMoney(ratio.all.denominator)}${formatPercent(ratio.all.percent)}`,
    );
    expect(await without.textContent()).toBe(
      `${vi.ratioWithoutHard}${formatMoney(ratio.withoutHardToCollect.numerator)}${formatMoney(ratio.withoutHardToCollect.denominator)}${formatPercent(ratio.withoutHardToCollect.percent)}`,
    );
    // the run of day D is listed
    await page
      .locator('section', { has: page.getByRole('heading', { name: vi.runs }) })
      .getByRole('cell', { name: formatDate(D), exact: true })
      .first()
      .waitFor();
    await expectAccessible(page, 'office');
    await screenshot(page, 'office');
  });

  it("dates are typed dd/mm/yyyy and sent as YYYY-MM-DD; a bad one is reported; a day never reconciled shows the API's message", async () => {
    await page.goto(`${base}/office`);
    const asOf = page.getByLabel('Tính đến ngày (dd/mm/yyyy)');
    await asOf.fill('31/02/2026');
    await asOf.press('Enter');
    await page.getByText('Ngày phải có dạng dd/mm/yyyy, ví dụ 15/04/2026.').waitFor();
    await asOf.fill('31/12/2025');
    await asOf.press('Enter');
    await page.waitForURL(/asOf=2025-12-31/);
    const error = page.locator('.api-error').first();
    await error.waitFor();
    // a day never run: worded in Vietnamese from the code; the code itself only behind "Chi tiết"
    expect(await error.textContent()).toContain('Chưa chạy đối chiếu cho ngày này');
    expect(await error.textContent()).not.toContain('NO_RUN_FOR_DAY');
    await error.getByRole('button', { name: 'Chi tiết' }).click();
    expect(await error.textContent()).toContain('NO_RUN_FOR_DAY');
    expect(await asOf.inputValue()).toBe('31/12/2025');
  });

  it('is keyboard usable: the first Tab reaches "skip to content", then the menu', async () => {
    await page.goto(`${base}/imports`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(
      'Bỏ qua, đến nội dung chính',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
  });

  it('the sign-in page is labelled and shows the API error of a failed sign-in', async () => {
    await page.goto(`${base}/sign-in?next=/receipts`);
    await page.getByLabel('Thư điện tử').fill('canbo@bhxh.example');
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.api-error').waitFor();
    const refused = (await page.locator('.api-error').textContent()) ?? '';
    expect(refused).toContain('Thư điện tử hoặc mật khẩu không đúng.');
    expect(refused).not.toMatch(/INVALID_CREDENTIALS|HTTP 401|The email/);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'page-sign-in');
  });

  it('an unknown console path shows a 404 page with a way back', async () => {
    await page.goto(`${base}/nowhere/at/all`);
    await page.getByText('Không có trang này.').waitFor();
    await expectAccessible(page, 'not-found');
  });

  it("an officer of another office opening the employer's URL sees the API's refusal, never a blank page", async () => {
    const p = await session(outsider);
    await p.goto(`${base}/employers/${ledger.unitCode}`);
    await p.getByRole('heading', { level: 1 }).waitFor();
    const error = p.locator('.api-error').first();
    await error.waitFor();
    expect(await error.textContent()).toContain(
      `Không có đơn vị ${ledger.unitCode} trong danh mục`,
    );
    expect(await p.locator('.api-error').count()).toBe(1); // said once, not once per query
    expect(await error.getByRole('button', { name: 'Thử lại' }).count()).toBe(0); // a 404 answers the same again
    await error.getByRole('link', { name: 'Về danh sách đơn vị' }).waitFor();
    await error.getByRole('button', { name: 'Chi tiết' }).click();
    expect(await error.textContent()).toContain('HTTP 404');
    expect(await p.getByRole('cell').count()).toBe(0); // none of the ledger leaks
    await expectAccessible(p, 'employer-out-of-office');
    await screenshot(p, 'employer-out-of-office');
  });

  it('an inspector opens the top flag of the queue, opens a case from it and records a reminder', async () => {
    const p = await session(inspector);
    await p.waitForURL(/\/inspection$/); // an inspector's home: the inspection queue
    await p.goto(`${base}/flags`);
    await p
      .getByRole('heading', { level: 1, name: 'Cảnh báo thanh tra (xếp theo rủi ro)' })
      .waitFor();
    const queue = (await http().get('/api/flags?limit=1').set(inspector.headers).expect(200)).body
      .items;
    expect(queue.length).toBe(1);
    const top = queue[0] as { id: number; code: string; unitCode: string };
    const firstRow = p.locator('.ant-table-tbody .ant-table-row').first();
    await firstRow.waitFor();
    expect(await firstRow.locator('td').first().textContent()).toBe(top.unitCode);
    await expectAccessible(p, 'flags');
    await screenshot(p, 'flags');

    const label = vi[`flag_${top.code}` as keyof typeof vi];
    await firstRow.getByRole('link', { name: label }).click();
    await p.waitForURL(new RegExp(`/flags/${top.id}$`));
    await p
      .getByRole('heading', { level: 1, name: `Cảnh báo ${label} — ${top.unitCode}` })
      .waitFor();
    // the months-of-debt chart, with its data for screen readers, from the flag's reconciled history
    await p
      .getByRole('img', { name: new RegExp(`^${escape(vi.debtOverTime)}: \\d{2}/\\d{2}/\\d{4} `) })
      .waitFor();
    await expectAccessible(p, 'flag');
    await screenshot(p, 'flag');

    await p.getByRole('button', { name: 'Lập hồ sơ thanh tra' }).click();
    await p.waitForURL(/\/cases\/\d+$/);
    const caseId = Number(new URL(p.url()).pathname.split('/').pop());
    await p.getByRole('heading', { level: 1, name: `Hồ sơ ${caseId} — ${top.unitCode}` }).waitFor();
    // no step is preselected (a second click must not move the case again): the inspector picks one
    expect(await p.getByLabel('Bước tiếp theo').inputValue()).toBe('');
    await p.getByLabel('Bước tiếp theo').selectOption('reminded');
    const today = businessToday('Asia/Ho_Chi_Minh'); // a reminder cannot be dated after today
    await p.getByLabel('Ngày (dd/mm/yyyy)').first().fill(formatDate(today));
    await p.locator('#case-note').fill('Văn bản đôn đốc số 12/BHXH');
    await expectAccessible(p, 'case');
    await p.getByRole('button', { name: 'Chuyển bước', exact: true }).click();
    // confirmed in a dialog before anything moves
    await p.getByRole('dialog').getByRole('button', { name: vi.caseConfirmOk }).click();
    await p.getByText('Đã chuyển sang Đã gửi văn bản đôn đốc.').waitFor();
    expect(await p.getByLabel('Bước tiếp theo').inputValue()).toBe('');
    await p
      .getByText(/Văn bản đôn đốc số 12\/BHXH/)
      .first()
      .waitFor(); // in the timeline
    const kase = (await http().get(`/api/cases/${caseId}`).set(inspector.headers).expect(200)).body;
    expect(kase).toMatchObject({
      status: 'reminded',
      reminders: 1,
      lastReminderOn: today,
      unitCode: top.unitCode,
    });
    expect(kase.flags.map((f: { id: number }) => f.id)).toContain(top.id);
    await screenshot(p, 'case');

    await p.getByRole('navigation').getByRole('link', { name: 'Hồ sơ thanh tra' }).click();
    await p.getByRole('link', { name: String(caseId), exact: true }).waitFor();
    await expectAccessible(p, 'cases');
    await screenshot(p, 'cases');
  });

  it('an admin sees the offices and the users created through the API', async () => {
    const p = await session(admin);
    await p.goto(`${base}/admin/offices`);
    await p.getByRole('cell', { name: province.offices[0].code, exact: true }).waitFor();
    await expectAccessible(p, 'admin-offices');
    await screenshot(p, 'page-admin-offices');
    await p.goto(`${base}/admin/users`);
    await p.getByRole('heading', { level: 1, name: 'Người dùng' }).waitFor();
    await p.getByRole('cell', { name: inspector.email, exact: true }).waitFor();
    expect(await p.locator('.api-error').count()).toBe(0);
    await expectAccessible(p, 'admin-users');
    await screenshot(p, 'page-admin-users');
  });
});
