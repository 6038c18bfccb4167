import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { generateProvince } from '../../seeds/generator/generate.js';
import { writeEmployers } from '../../seeds/generator/writers/employers.js';
import { authHeader, createUser, startTestApp, type TestApp } from '../support/harness.js';
import { expectAccessible, launchChromium, screenshot } from './browser.js';
import { ARREARS, CASE, EMPLOYER, FLAG, LEDGER, RATIO, RECEIPTS, RUNS } from './contract-fixtures.js';

/**
 * The web console end to end, in Debian's chromium against the real app (HTTP + in-process workers,
 * scratch SQLite, own Redis prefix): the imports journey an officer makes every morning, a template
 * download, the language switch, and axe-core on every page visited.
 */

/** The officer the suite signs in as (created in `beforeAll`). */
let CREDENTIALS: { email: string; password: string } | null = null;

/** The sign-in step: the one place to switch on when auth lands. */
async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/`);
  if (!CREDENTIALS) {
    await page.getByTestId('auth-disabled').waitFor();
    return;
  }
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel(/Thư điện tử|Email/).fill(CREDENTIALS.email);
  await page.getByLabel(/Mật khẩu|Password/).fill(CREDENTIALS.password);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

jest.setTimeout(240_000);

describe('web console (chromium, real app on SQLite)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'sothu-e2e-'));
  const province = generateProvince({ seed: 5, scale: 'small' });
  const workbook = join(dir, 'danh-sach-don-vi.xlsx');

  beforeAll(async () => {
    browser = await launchChromium(); // fails first, with the install hint, if chromium is missing
    t = await startTestApp('sqlite');
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const admin = await authHeader(t, 'admin');
    for (const o of province.offices) {
      const res = await fetch(`${base}/api/offices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...admin },
        body: JSON.stringify(o),
      });
      expect(res.status).toBe(201);
    }
    const officer = await createUser(t, { role: 'officer', offices: province.offices.map((o) => o.code) });
    CREDENTIALS = { email: officer.email, password: officer.password };
    await writeEmployers(province, workbook);
    context = await browser.newContext({ acceptDownloads: true, locale: 'vi-VN', viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('serves the console at / with client routes falling back to index.html, and keeps API 404s as JSON', async () => {
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    const deep = await fetch(`${base}/employers/TC0001C`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const api404 = await fetch(`${base}/api/nowhere`);
    expect(api404.status).toBe(404);
    expect(await api404.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect((await fetch(`${base}/health`)).headers.get('content-type')).toContain('json');
  });

  it('uploads an employer registry, watches it validate, commits it', async () => {
    await signIn(page, base);
    await page.waitForURL(/\/imports$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nhập dữ liệu từ tệp Excel');
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
    await page.locator('[data-testid=import-status][data-status=validated]').waitFor({ timeout: 60_000 });
    const n = province.employers.length;
    expect(await page.getByTestId('count-valid').textContent()).toContain(String(n));
    expect(await page.getByTestId('count-invalid').textContent()).toContain('0');
    await expectAccessible(page, 'import-validated');
    await screenshot(page, '02-import-validated');

    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid=import-status][data-status=committed]').waitFor({ timeout: 60_000 });
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
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an xlsx is a zip
    // the batch just committed is listed as a recent upload
    expect(await page.getByRole('link', { name: 'danh-sach-don-vi.xlsx' }).count()).toBe(1);
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
    ['/flags', 'Cảnh báo thanh tra (xếp theo rủi ro)'],
    ['/office', 'Tình hình nợ và tỷ lệ chậm đóng'],
    ['/employers/TC0001C', null],
    ['/cases', 'Hồ sơ thanh tra'],
    ['/admin/users', 'Người dùng'],
  ])('%s renders its page, and the API error of a missing endpoint, never a blank page', async (path, title) => {
    await page.evaluate(() => localStorage.setItem('sothu.lang', 'vi')); // whatever an earlier test left
    await page.goto(`${base}${path}`);
    const h1 = page.getByRole('heading', { level: 1 });
    await h1.waitFor();
    if (title) expect(await h1.textContent()).toBe(title);
    // these endpoints are being built on other branches: until then the API's 404 message shows
    const error = page.locator('.api-error').first();
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toMatch(/Cannot GET \/api\//);
    await expectAccessible(page, path);
    await screenshot(page, `page${path.replaceAll('/', '-')}`);
  });

  it('admin offices lists the offices created through the API', async () => {
    await page.goto(`${base}/admin/offices`);
    await page.getByRole('cell', { name: province.offices[0].code, exact: true }).waitFor();
    await expectAccessible(page, 'admin-offices');
    await screenshot(page, 'page-admin-offices');
  });

  it('dates are typed dd/mm/yyyy and sent as YYYY-MM-DD; a bad one is reported', async () => {
    await page.evaluate(() => localStorage.setItem('sothu.lang', 'vi'));
    await page.goto(`${base}/office`);
    const asOf = page.getByLabel('Tính đến ngày (dd/mm/yyyy)');
    await asOf.fill('31/02/2026');
    await asOf.press('Enter');
    await page.getByText('Ngày phải có dạng dd/mm/yyyy, ví dụ 15/04/2026.').waitFor();
    await asOf.fill('31/12/2025');
    await asOf.press('Enter');
    await page.waitForURL(/asOf=2025-12-31/);
    await page.getByText(/Cannot GET \/api\/arrears\?asOf=2025-12-31/).waitFor();
    expect(await asOf.inputValue()).toBe('31/12/2025');
  });

  it('is keyboard usable: the first Tab reaches "skip to content", then the menu', async () => {
    await page.goto(`${base}/imports`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
  });

  it('the sign-in page is labelled and shows the API error of a failed sign-in', async () => {
    await page.evaluate(() => localStorage.setItem('sothu.lang', 'vi'));
    await page.goto(`${base}/sign-in?next=/receipts`);
    await page.getByLabel('Thư điện tử').fill('canbo@bhxh.example');
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // auth is built on another branch: until it is merged the login endpoint answers 404, shown as such
    await page.locator('.api-error').waitFor();
    expect(await page.locator('.api-error').textContent()).toMatch(CREDENTIALS ? /.+/ : /Cannot POST \/api\/auth\/login/);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'page-sign-in');
  });

  it('an unknown console path shows a 404 page with a way back', async () => {
    await page.evaluate(() => localStorage.setItem('sothu.lang', 'vi'));
    await page.goto(`${base}/nowhere/at/all`);
    await page.getByText('Không có trang này.').waitFor();
    await expectAccessible(page, 'not-found');
  });

  describe('pages against the contract (answers of the endpoints not merged yet stubbed in the browser)', () => {
    let stubbed: BrowserContext;
    let p: Page;
    const posted: { path: string; body: unknown }[] = [];

    /** product.md's shapes for what other branches are building; anything else goes to the real app */
    async function contract(route: Route): Promise<void> {
      const req = route.request();
      const { pathname } = new URL(req.url());
      const method = req.method();
      const json = (body: unknown, status = 200) => route.fulfill({ status, json: body });
      if (method === 'POST') posted.push({ path: pathname, body: req.postDataJSON() });
      if (method === 'GET' && pathname === `/api/employers/${EMPLOYER.unitCode}`) return json(EMPLOYER);
      if (method === 'GET' && pathname === `/api/employers/${EMPLOYER.unitCode}/ledger`) return json(LEDGER);
      if (method === 'GET' && pathname === '/api/employers') return json({ items: [EMPLOYER], nextCursor: null });
      if (method === 'GET' && pathname === '/api/receipts') return json(RECEIPTS);
      if (method === 'POST' && /^\/api\/receipts\/[\w-]+\/match$/.test(pathname)) return json({ ...RECEIPTS.items[0], status: 'matched' });
      if (method === 'GET' && pathname === '/api/flags') return json({ items: [FLAG], nextCursor: null });
      if (method === 'GET' && pathname === `/api/flags/${FLAG.id}`) return json(FLAG);
      if (method === 'POST' && pathname === '/api/cases') return json({ ...CASE, status: 'open', transitions: [] }, 201);
      if (method === 'GET' && pathname === `/api/cases/${CASE.id}`) return json(CASE);
      if (method === 'POST' && pathname === `/api/cases/${CASE.id}/transitions`) return json({ ...CASE, status: 'reconciled' });
      if (method === 'GET' && pathname === '/api/arrears') return json(ARREARS);
      if (method === 'GET' && pathname === '/api/ratios') return json(RATIO);
      if (method === 'GET' && pathname === '/api/runs') return json(RUNS);
      return route.continue();
    }

    beforeAll(async () => {
      stubbed = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1360, height: 900 } });
      await stubbed.route('**/api/**', contract);
      p = await stubbed.newPage();
    });
    afterAll(async () => {
      await stubbed?.close();
    });

    it('the employer page shows the C12-TS periods and each payment\'s D.1/D.2 split', async () => {
      await p.goto(`${base}/employers/${EMPLOYER.unitCode}`);
      await p.getByRole('heading', { level: 1, name: /TC0001C — Công ty TNHH Cơ khí Hòa Bình/ }).waitFor();
      const periods = p.locator('section', { has: p.getByRole('heading', { name: 'Các kỳ' }) });
      await periods.getByRole('cell', { name: '03/2026', exact: true }).waitFor();
      expect(await periods.getByRole('row').nth(1).textContent()).toContain('5.310.000 ₫');
      expect(await periods.textContent()).toContain('30/04/2026'); // due date, dd/mm/yyyy
      expect(await periods.textContent()).toContain('26.550.000 ₫'); // the totals row
      expect(await p.getByText('2,5', { exact: true }).count()).toBeGreaterThan(0); // months of debt
      await expectAccessible(p, 'employer-ledger');
      await screenshot(p, 'contract-employer-ledger');

      await p.getByRole('button', { name: /Xem phân bổ FT26100987654/ }).click();
      const dialog = p.getByRole('dialog');
      await dialog.getByText('D.2 Lãi chậm đóng').first().waitFor();
      expect(await dialog.textContent()).toContain('12.744 ₫');
      expect(await dialog.textContent()).toContain('Hưu trí, tử tuất');
      await expectAccessible(p, 'employer-allocation-dialog');
      await screenshot(p, 'contract-employer-allocation');
      await p.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      // as of another day: typed dd/mm/yyyy, one Enter applies it
      const ledgerAsked = p.waitForRequest((r) => r.url().includes('/ledger?asOf=2026-05-31'));
      const asOf = p.getByLabel('Tính đến ngày (dd/mm/yyyy)');
      await asOf.fill('31/05/2026');
      await asOf.press('Enter');
      await p.waitForURL(/asOf=2026-05-31/);
      await ledgerAsked;
    });

    it('the receipts queue confirms a suggestion with its unit code', async () => {
      await p.goto(`${base}/receipts?status=suggested`);
      await p.getByRole('cell', { name: 'FT26163000001' }).waitFor();
      await expectAccessible(p, 'receipts');
      await screenshot(p, 'contract-receipts');
      await p.getByRole('button', { name: 'Xác nhận TC0001C' }).click();
      await p.getByText('Đã khớp với TC0001C.').waitFor();
      expect(posted).toContainEqual({ path: '/api/receipts/r-1/match', body: { unitCode: 'TC0001C' } });
    });

    it('an inspector goes from the flag queue to the flag, opens a case and sees it', async () => {
      await p.goto(`${base}/flags`);
      await p.getByRole('link', { name: 'Nợ kéo dài' }).click();
      await p.getByRole('heading', { level: 1, name: 'Cảnh báo Nợ kéo dài — TC0001C' }).waitFor();
      await p.getByRole('img', { name: 'Số tháng nợ theo thời gian: 02/2026 0,5; 03/2026 1,5; 04/2026 2,5; 05/2026 3,5' }).waitFor(); // the chart, with its data for screen readers
      await expectAccessible(p, 'flag');
      await screenshot(p, 'contract-flag');
      await p.getByRole('button', { name: 'Lập hồ sơ thanh tra' }).click();
      await p.waitForURL(new RegExp(`/cases/${CASE.id}$`));
      expect(posted).toContainEqual({ path: '/api/cases', body: { flagId: FLAG.id } });
      await p.getByText('QĐ xử phạt 34/QĐ-XPHC').waitFor();
      await expectAccessible(p, 'case');
      await screenshot(p, 'contract-case');
      // the next rung of the ladder is proposed: reminded → C05-TS minutes
      expect(await p.getByLabel('Bước tiếp theo').inputValue()).toBe('reconciled');
      await p.getByLabel('Ngày (dd/mm/yyyy)').first().fill('10/06/2026');
      await p.locator('#case-note').fill('Biên bản C05-TS ký với đơn vị');
      await p.getByRole('button', { name: 'Chuyển bước' }).click();
      await p.getByText('Đã chuyển sang Đã lập biên bản đối chiếu C05-TS.').waitFor();
      expect(posted).toContainEqual({
        path: `/api/cases/${CASE.id}/transitions`,
        body: { to: 'reconciled', note: 'Biên bản C05-TS ký với đơn vị', date: '2026-06-10' },
      });
    });

    it('the office view shows ageing buckets, both ratios with numerator and denominator, and runs', async () => {
      await p.goto(`${base}/office`);
      await p.getByRole('cell', { name: '2,69 %' }).waitFor();
      expect(await p.getByRole('cell', { name: '0,33 %' }).count()).toBe(1);
      expect(await p.getByRole('cell', { name: '4.062.000.000 ₫' }).count()).toBe(1);
      // the 1–<3 months bucket sums both employers
      expect(await p.getByRole('row', { name: /1 đến dưới 3 tháng 19.965.000 ₫/ }).count()).toBe(1);
      await p.getByRole('cell', { name: '30/06/2026' }).first().waitFor();
      await expectAccessible(p, 'office');
      await screenshot(p, 'contract-office');
    });
  });
});

