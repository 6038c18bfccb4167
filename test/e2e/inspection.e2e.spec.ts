import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { EntityManager } from '@mikro-orm/core';
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { Employer } from '../../src/modules/employers/employer.entity.js';
import { Receipt } from '../../src/modules/ledger-facts/receipt.entity.js';
import { ReceivableLine } from '../../src/modules/ledger-facts/receivable-line.entity.js';
import { periodRange } from '../../src/domain/dates.js';
import { vi } from '../../src/web/src/lib/messages.js';
import {
  createUser,
  eventually,
  startTestApp,
  TEST_OFFICE,
  type TestApp,
  type TestUser,
} from '../support/harness.js';
import { readWorkbook } from '../support/xlsx.js';
import { expectAccessible, launchChromium, screenshot } from './browser.js';

/**
 * The inspector's morning in chromium against the real app (scratch SQLite): two employers reconciled by
 * a day run as of D = 2026-06-15 — PA0001A owes 10 months (PROLONGED_ARREARS high, with a suspense
 * receipt suggested for it), IM0001A 2 months whose third falls due within 31 days (PROLONGED_IMMINENT).
 * The inspector lands on the inspection queue, filters the early warnings (kept in the URL), downloads
 * the inspection plan, and opens a flag whose evidence reads in Vietnamese, with the months-of-debt chart
 * and the suggested receipt above the "open case" button. axe-core runs on each page.
 */

jest.setTimeout(180_000);

const D = '2026-06-15';

describe('inspection queue (chromium, real app on SQLite)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let inspector: TestUser;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp('sqlite', { AUTH_LOGIN_RATE_LIMIT: '100' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const admin = await createUser(t, { role: 'admin' });
    inspector = await createUser(t, { role: 'inspector' }); // office 09901

    const em = t.app.get(EntityManager).fork();
    const employer = (unitCode: string, name: string) =>
      em.create(Employer, {
        unitCode,
        name,
        officeCode: TEST_OFFICE,
        region: 'I',
        cycle: 'monthly',
        oaRateBp: 50,
        status: 'active',
      });
    const months = (unitCode: string, from: string, to: string) => {
      for (const period of periodRange(from, to)) {
        for (const [fund, amount] of [
          ['SI_RETIRE', 8_000_000],
          ['HI', 1_500_000],
          ['UI', 500_000],
        ] as const)
          em.create(ReceivableLine, { unitCode, period, fund, amount, reason: '', batchId: 'b' });
      }
    };
    employer('PA0001A', 'Công ty TNHH Nợ Lâu');
    months('PA0001A', '2025-07', '2026-06');
    employer('IM0001A', 'Công ty CP Sắp Nợ');
    months('IM0001A', '2026-02', '2026-06');
    em.create(Receipt, {
      valueDate: '2026-03-20',
      amount: 10_000_000,
      memo: 'IM0001A',
      bankRef: 'IM-1',
      status: 'matched',
      unitCode: 'IM0001A',
      method: 'unit-code',
      confidenceMilli: 1000,
      batchId: 'b',
    });
    em.create(Receipt, {
      valueDate: '2026-06-01',
      amount: 12_000_000,
      memo: 'NOP TIEN BAO HIEM',
      payerName: 'CONG TY NO LAU',
      bankRef: 'PA-S1',
      status: 'suggested',
      unitCode: null,
      suggestion: 'PA0001A',
      method: 'name',
      confidenceMilli: 700,
      batchId: 'b',
    });
    await em.flush();

    const run = await http().post('/api/runs').set(admin.headers).send({ day: D }).expect(202);
    await eventually(async () => {
      const job = await http().get(`/api/jobs/${run.body.jobId}`).set(admin.headers).expect(200);
      if (job.body.state === 'failed') throw new Error(job.body.failedReason);
      const runs = await http().get('/api/runs').set(admin.headers).expect(200);
      return runs.body.items.find(
        (r: { day: string; status: string }) => r.day === D && r.status === 'completed',
      );
    }, 60_000);

    context = await browser.newContext({
      acceptDownloads: true,
      locale: 'vi-VN',
      viewport: { width: 1360, height: 900 },
    });
    page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('sothu.lang', 'vi'));
    await page.goto(`${base}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel(/Thư điện tử|Email/).fill(inspector.email);
    await page.getByLabel(/Mật khẩu|Password/).fill(inspector.password);
    await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('lands on the queue, filters the early warnings in the URL, downloads the plan, and opens a flag that explains itself', async () => {
    await page.waitForURL(/\/inspection$/); // the inspector's home
    await page.getByRole('heading', { level: 1, name: vi.queueTitle }).waitFor();
    const rows = page.locator('.ant-table-tbody .ant-table-row');
    await rows.nth(1).waitFor();
    // high PROLONGED_ARREARS first, with its name, 10 months and the suggested suspense receipt
    const first = rows.first();
    expect(await first.locator('td').first().textContent()).toBe('PA0001A — Công ty TNHH Nợ Lâu');
    expect(await first.locator('td').nth(3).textContent()).toBe('10,0');
    await first
      .getByRole('link', { name: `${vi.flag_PROLONGED_ARREARS} · ${vi.severity_high}` })
      .waitFor();
    await first.getByRole('link', { name: '1 giấy · 12.000.000 ₫' }).waitFor();
    expect(await rows.nth(1).locator('td').first().textContent()).toBe(
      'IM0001A — Công ty CP Sắp Nợ',
    );
    await expectAccessible(page, 'inspection-queue');
    await screenshot(page, 'inspection-queue');

    // the early warning filter ("Sắp nợ kéo dài"), kept in the URL
    await page.getByLabel(vi.flagCode).selectOption('PROLONGED_IMMINENT');
    await page.waitForURL(/code=PROLONGED_IMMINENT/);
    await page.getByRole('columnheader', { name: vi.prolongedOn }).waitFor();
    await eventually(async () => ((await rows.count()) === 1 ? true : undefined));
    const warned = rows.first();
    expect(await warned.locator('td').first().textContent()).toBe('IM0001A — Công ty CP Sắp Nợ');
    await warned.getByRole('cell', { name: '01/07/2026' }).waitFor();
    await warned.getByRole('cell', { name: '5.001 ₫' }).waitFor();
    await expectAccessible(page, 'inspection-queue-imminent');
    await page.reload();
    await page.getByRole('columnheader', { name: vi.prolongedOn }).waitFor(); // the filter survives

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: vi.inspectionPlanXlsx }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('inspection-plan.xlsx');
    const plan = (await readWorkbook(readFileSync((await download.path())!))).get(
      'Kế hoạch thanh tra',
    )!;
    const header = plan.findIndex((r) => r[0] === 'STT');
    expect(plan.slice(header + 1).map((r) => r[1])).toEqual(['IM0001A']);

    // the flag page: Vietnamese evidence, the chart from the ledger's month-ends, the suggestion
    await page.getByLabel(vi.flagCode).selectOption('');
    await page.waitForURL(/\/inspection$/);
    await rows
      .first()
      .getByRole('link', { name: `${vi.flag_PROLONGED_ARREARS} · ${vi.severity_high}` })
      .click();
    await page.waitForURL(/\/flags\/\d+$/);
    await page
      .getByRole('heading', { level: 1, name: `Cảnh báo ${vi.flag_PROLONGED_ARREARS} — PA0001A` })
      .waitFor();
    await page.getByText(vi.ev_overduePrincipal, { exact: true }).first().waitFor();
    await page.getByText('100.000.000 ₫', { exact: true }).first().waitFor(); // 10 months × 10,000,000
    await page.getByRole('img', { name: new RegExp(`^${vi.debtOverTime}: 31/07/2025 `) }).waitFor();
    const suggested = page.getByTestId('suggested-receipts');
    await suggested.getByRole('cell', { name: 'PA-S1' }).waitFor();
    // the suggestion comes before the button that opens a case
    const above = (await suggested.boundingBox())!;
    const button = (await page.getByRole('button', { name: vi.openCase }).boundingBox())!;
    expect(above.y + above.height).toBeLessThanOrEqual(button.y);
    await expectAccessible(page, 'flag-explained');
    await screenshot(page, 'flag-explained');
  });
});
