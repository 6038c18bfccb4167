import type { AddressInfo } from 'node:net';
import { EntityManager } from '@mikro-orm/core';
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ReconciliationService } from '../../src/modules/reconciliation/index.js';
import { vi } from '../../src/web/src/lib/messages.js';
import { createUser, startTestApp, type TestApp, type TestUser } from '../support/harness.js';
import type { ServiceContext } from '../support/service-harness.js';
import { arrangeTinyOffice, TINY_OFFICE } from '../support/tiny-office.js';
import { expectAccessible, launchChromium, screenshot } from './browser.js';

jest.setTimeout(180_000);

/**
 * The month's paperwork in the console (Chromium, real app on SQLite), on the tiny office
 * (tiny-office.ts) reconciled at the ends of 02/2026 and 03/2026: an officer sees the ratio by month
 * and the province's league table, makes the office's C12-TS notices for 03/2026 and gets the zip,
 * lists the reminder letters, and downloads one employer's notice from its page. axe-core on each page.
 */
describe('paperwork in the console (chromium)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let officer: TestUser;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp('sqlite', { AUTH_LOGIN_RATE_LIMIT: '100' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const svc: ServiceContext = {
      ctx: t.app,
      config: t.config,
      em: () => t.app.get(EntityManager).fork(),
      close: t.close,
    };
    await arrangeTinyOffice(svc);
    for (const day of ['2026-02-28', '2026-03-31'])
      await t.app.get(ReconciliationService).reconcile(['TC0001C', 'TC0002D', 'TC0003E'], day);
    officer = await createUser(t, { role: 'officer', offices: [TINY_OFFICE] });
    context = await browser.newContext({
      acceptDownloads: true,
      locale: 'vi-VN',
      viewport: { width: 1360, height: 900 },
    });
    page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('sothu.lang', 'vi'));
    await page.goto(`${base}/sign-in`);
    await page.getByLabel(/Thư điện tử/).fill(officer.email);
    await page.getByLabel(/Mật khẩu/).fill(officer.password);
    await page.getByRole('button', { name: /Đăng nhập/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('office view: ratio by month, league table, bulk notices to a zip, reminder letters', async () => {
    await page.goto(`${base}/office?office=${TINY_OFFICE}&asOf=2026-03-31`);
    await page.getByLabel(vi.fromMonth).fill('2026-01');
    await page.getByLabel(vi.toMonth).fill('2026-03');
    await page.getByRole('heading', { name: vi.ratioSeries }).waitFor();
    // the league table of province 67 (one office): 66,67 % as of 2026-03-31, +16,67 points
    const league = page.locator('table').filter({ hasText: 'Tiny office' });
    await league.getByText('66,67 %').waitFor();
    await league.getByText('16,67 %').waitFor();

    await page.getByLabel(vi.noticePeriod).fill('2026-03');
    await page.getByRole('button', { name: vi.noticesStart }).click();
    await page.getByText('Đã xong 3/3 đơn vị (100%), lỗi 0').waitFor({ timeout: 60_000 });
    const zip = page.waitForEvent('download');
    await page.getByRole('link', { name: vi.noticesZip }).click();
    expect((await zip).suggestedFilename()).toMatch(/^C12-TS-06703-2026-03-.*\.zip$/);

    // reminders: as of 2026-03-31 with ≥ 2 months of debt, TC0002D (4 months) only
    await page.getByRole('heading', { name: vi.remindersTitle }).waitFor();
    const reminders = page.locator('table').filter({ hasText: 'Công ty B' });
    await reminders.getByText('TC0002D').waitFor();
    expect(await page.locator('table').filter({ hasText: 'Công ty A' }).count()).toBe(0);
    await screenshot(page, 'reports-office');
    await expectAccessible(page, 'office view with paperwork');
  });

  it('employer page: downloads its C12-TS notice', async () => {
    await page.goto(`${base}/employers/TC0001C`);
    const pdf = page.waitForEvent('download');
    await page.getByRole('link', { name: vi.noticePdf }).click();
    expect((await pdf).suggestedFilename()).toMatch(/^C12-TS-TC0001C-\d{4}-\d{2}\.pdf$/);
    await expectAccessible(page, 'employer page with notice');
  });
});
