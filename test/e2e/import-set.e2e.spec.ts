import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { generateProvince } from '../../seeds/generator/generate.js';
import { writeProvince } from '../../seeds/generator/writers/province.js';
import { tempDir } from '../fixtures/workbooks/build-workbook.js';
import { createUser, startTestApp, type TestApp } from '../support/harness.js';
import { expectAccessible, launchChromium, screenshot, screenshotPhone } from './browser.js';

/**
 * An officer drops a month's workbooks at once on the imports page (kinds left to the headers), watches
 * the set check live, commits all valid rows with one click and is told what to do next; the employers
 * then hold what the files brought. Chromium against the real app (scratch SQLite, own Redis prefix).
 */

jest.setTimeout(240_000);

describe('import set in the console (chromium, real app on SQLite)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const dir = tempDir('sothu-e2e-set-');
  const province = generateProvince({ seed: 7, scale: 'small', months: 6 });
  let paths: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp('sqlite', { AUTH_LOGIN_RATE_LIMIT: '100' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const admin = await createUser(t, { role: 'admin' });
    for (const o of province.offices)
      await request(t.app.getHttpServer())
        .post('/api/offices')
        .set(admin.headers)
        .send(o)
        .expect(201);
    const files = await writeProvince(province, dir, { truth: false });
    paths = [
      ...files.receipts.slice(0, 2).map((r) => r.file),
      ...files.rosters.slice(0, 4),
      files.receivables,
      files.employers,
    ].map((f) => join(dir, f));
    const officer = await createUser(t, {
      role: 'officer',
      offices: province.offices.map((o) => o.code),
    });
    const context = await browser.newContext({
      locale: 'vi-VN',
      viewport: { width: 1360, height: 900 },
    });
    page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('sothu.lang', 'vi'));
    await page.goto(`${base}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel(/Thư điện tử|Email/).fill(officer.email);
    await page.getByLabel(/Mật khẩu|Password/).fill(officer.password);
    await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('drops several files at once, commits the set and says what to do next', async () => {
    await page.goto(`${base}/imports`);
    await page.getByRole('heading', { level: 1, name: 'Nhập dữ liệu từ tệp Excel' }).waitFor();
    // the kind is left to the headers ("Tự nhận biết")
    expect(await page.getByLabel('Loại dữ liệu').inputValue()).toBe('');
    await page.locator('input[type=file]').setInputFiles(paths);
    await page.getByTestId('files-chosen').waitFor();
    expect(await page.getByTestId('files-chosen').textContent()).toContain(String(paths.length));
    await page.getByTestId('import-submit').click();
    await page.waitForURL(/\/import-sets\/[0-9a-f-]{36}$/);
    await page
      .getByRole('heading', { level: 1, name: `Bộ tệp nhập (${paths.length} tệp)` })
      .waitFor();

    // live: every file reaches "validated" without reloading the page
    await page.getByTestId('set-commit').waitFor({ timeout: 90_000 });
    const rows = page.getByTestId('set-files').locator('.ant-table-tbody .ant-table-row');
    expect(await rows.count()).toBe(paths.length);
    expect(await page.locator('[data-testid=import-status][data-status=validated]').count()).toBe(
      paths.length,
    );
    // commit order: the registry first, receipts last
    expect(await rows.first().textContent()).toContain('employers.xlsx');
    expect(await rows.last().textContent()).toContain('receipts-');
    await expectAccessible(page, 'import-set-validated');
    await screenshot(page, 'import-set-validated');
    await screenshotPhone(page, 'import-set-validated');

    await page.getByTestId('set-commit').click();
    await page
      .locator('[data-testid=set-stats][data-status=committed]')
      .waitFor({ timeout: 120_000 });
    expect(
      await page.locator('[data-testid=import-status][data-status=committed]').count(),
    ).toBeGreaterThanOrEqual(paths.length);
    const next = page.getByTestId('next-steps');
    await next.waitFor();
    expect(
      await next.getByRole('link', { name: 'Xem danh sách đơn vị và sổ đối chiếu' }).count(),
    ).toBe(1);
    await expectAccessible(page, 'import-set-committed');
    await screenshot(page, 'import-set-committed');

    // the employers the registry brought are there
    await next.getByRole('link', { name: 'Xem danh sách đơn vị và sổ đối chiếu' }).click();
    await page.waitForURL(/\/employers$/);
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor({ timeout: 30_000 });
  });
});
