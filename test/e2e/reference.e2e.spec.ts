import type { AddressInfo } from 'node:net';
import { EntityManager } from '@mikro-orm/core';
import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { Employer } from '../../src/modules/employers/employer.entity.js';
import { ReceivableLine } from '../../src/modules/ledger-facts/receivable-line.entity.js';
import {
  createUser,
  eventually,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../support/harness.js';
import { expectAccessible, launchChromium, screenshot, screenshotPhone } from './browser.js';

/**
 * The administrators' "Tham số tham chiếu" page in Debian's chromium against the real app (SQLite,
 * in-process workers): an employer owes old-regime principal whose 2023 interest needs k_SI 2023,
 * which the seeds do not hold. The admin sees the gap, is refused a k dated other than 1 January (in
 * Vietnamese), enters it with its notice, sees it in the table with its source and author, and the
 * gap goes once the queue has recomputed the employer.
 */

jest.setTimeout(180_000);

const UNIT = 'RKE0001';
const D = '2023-02-15';

describe('reference data page (chromium, real app on SQLite)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let admin: TestUser;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp('sqlite', { AUTH_LOGIN_RATE_LIMIT: '100' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await createUser(t, { role: 'admin' });

    // 10,000,000 of SI for 11/2022 (due 2022-11-30), unpaid: the interests of 2023-01-01 and
    // 2023-02-01 need k_SI 2023 (domain.md §6)
    const em = t.app.get(EntityManager).fork();
    em.create(Employer, {
      unitCode: UNIT,
      name: 'Công ty TNHH Tham Số',
      officeCode: '09921',
      region: 'I',
      cycle: 'monthly',
      oaRateBp: 50,
      status: 'active',
    });
    em.create(ReceivableLine, {
      unitCode: UNIT,
      period: '2022-11',
      fund: 'SI_RETIRE',
      amount: 10_000_000,
      dueDate: null,
      reason: '',
      batchId: '00000000-0000-0000-0000-000000000000',
    });
    await em.flush();
    const job = await http()
      .post('/api/reconciliations')
      .set(admin.headers)
      .send({ unitCode: UNIT, asOf: D })
      .expect(202);
    await eventually(async () => {
      const j = await http().get(`/api/jobs/${job.body.jobId}`).set(admin.headers).expect(200);
      if (j.body.state === 'failed') throw new Error(j.body.failedReason);
      return j.body.state === 'completed' ? j.body : undefined;
    }, 60_000);

    const context = await browser.newContext({
      locale: 'vi-VN',
      viewport: { width: 1360, height: 900 },
    });
    page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('sothu.lang', 'vi'));
    await page.goto(`${base}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel(/Thư điện tử/).fill(admin.email);
    await page.getByLabel(/Mật khẩu/).fill(admin.password);
    await page.getByRole('button', { name: /Đăng nhập/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("the employer's sheet says which charges are not booked and why", async () => {
    await page.goto(`${base}/employers/${UNIT}?asOf=${D}`);
    const warning = page.locator('.rate-missing');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain(
      'Chưa tính 2 khoản lãi chậm đóng vì thiếu tham số: k_SI 2023',
    );
  });

  it('an admin sees the gap, is told in Vietnamese why a value is refused, and adds k with its notice', async () => {
    await page.getByRole('link', { name: 'Tham số tham chiếu' }).click();
    await page.waitForURL(/\/admin\/reference$/);
    await page.getByRole('heading', { name: 'Tham số tham chiếu', level: 1 }).waitFor();
    await page.getByText('k_SI năm 2023 chưa có: 1 đơn vị bị ảnh hưởng').waitFor();
    // the seeded value of 2020, as a default
    const table = page.getByRole('table');
    await table.getByText('Mặc định (seeds)').first().waitFor();
    await expectAccessible(page, 'reference');
    await screenshot(page, 'reference-gap');
    await screenshotPhone(page, 'reference-gap');

    // k dated 1 March: refused, with the reason in Vietnamese, nothing stored
    await page.getByLabel('Khoá').selectOption('SI');
    await page.getByLabel(/Hiệu lực từ ngày/).fill('01/03/2023');
    await page.getByLabel('Giá trị', { exact: true }).fill('9500');
    await expect(page.locator('#reference-value-help').textContent()).resolves.toContain(
      'Tức là: 0,9500 % / tháng',
    );
    await page.getByLabel(/Số văn bản/).fill('Công văn 123/BHXH-TST');
    await page.getByLabel(/Ngày văn bản/).fill('05/01/2023');
    await page.getByRole('button', { name: 'Thêm giá trị' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Giá trị không hợp lệ' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(
      'Lãi suất k áp dụng theo năm: ngày hiệu lực phải là 01/01.',
    );
    await expectAccessible(page, 'reference-refused');

    await page.getByLabel(/Hiệu lực từ ngày/).fill('01/01/2023');
    await page.getByLabel(/Hiệu lực từ ngày/).press('Tab');
    await page.getByRole('button', { name: 'Thêm giá trị' }).click();
    await page.getByText(/Đã thêm SI từ 01\/01\/2023/).waitFor();
    const row = table.getByRole('row').filter({ hasText: '01/01/2023' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(
      /SI.*9\.500.*Công văn 123\/BHXH-TST ngày 05\/01\/2023/,
    );
    await expect(row.textContent()).resolves.toContain(admin.email);

    // the queue recomputes the employer: the gap goes (the page asks again; a reload shows it too)
    await eventually(async () => {
      const gaps = await http().get('/api/reference/gaps').set(admin.headers).expect(200);
      return gaps.body.items.length === 0 ? true : undefined;
    }, 60_000);
    await page.reload();
    await page
      .getByText('Không thiếu tham số nào: mọi khoản lãi chậm đóng đã được tính.')
      .waitFor();
    await screenshot(page, 'reference-added');

    const ledger = await http()
      .get(`/api/employers/${UNIT}/ledger?asOf=${D}`)
      .set(admin.headers)
      .expect(200);
    // 2 × 10,000,000 × 0.95 %
    expect(ledger.body.totals.chargesBooked).toBe(190_000);
  });
});
