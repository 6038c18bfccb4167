import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { generateProvince } from '../../seeds/generator/generate.js';
import { RECEIPT_HEADERS } from '../../seeds/generator/writers/receipts.js';
import { writeProvince } from '../../seeds/generator/writers/province.js';
import { formatInteger, formatMoney } from '../../src/web/src/lib/format.js';
import { reasonText, vi } from '../../src/web/src/lib/messages.js';
import { buildWorkbook, tempDir } from '../fixtures/workbooks/build-workbook.js';
import {
  createUser,
  eventually,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../support/harness.js';
import { importClient } from '../support/imports.js';
import { expectAccessible, launchChromium, screenshot, screenshotPhone } from './browser.js';

jest.setTimeout(240_000);

interface Candidate {
  unitCode: string;
  officeCode: string | null;
  reasons: string[];
}
interface ReceiptItem {
  id: number;
  valueDate: string;
  amount: number;
  bankRef: string;
  status: string;
  unitCode: string;
  method: string | null;
  forwardedTo: string | null;
  candidates: Candidate[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fold = (s: string) =>
  s.replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();

/**
 * The suspense queue an officer works, in Chromium against the real app on SQLite: the demo's province
 * (generator `small`, seed 1) imported through the API, plus one receipt whose memo mistypes one
 * office's employer code while the payer is another office's employer, cut short by the bank. The
 * officer of the first office sees the queue newest first with the suspense total, each receipt's
 * ranked candidates with their reasons in Vietnamese, filters by amount, confirms a suggestion in one
 * click, and sends a receipt to the other office, whose officer then finds it in theirs.
 */
describe('receipts queue (chromium, real app on SQLite)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const dir = tempDir('sothu-e2e-receipts-');
  const province = generateProvince({ seed: 1, scale: 'small' });
  const [officeA, officeB] = province.offices.map((o) => o.code) as [string, string];
  const o0 = province.receipts.find(
    (r) => r.intendedUnitCode === 'HT0002C' && r.expectedUnitCode === 'KM00000',
  )!;
  const other = province.employers.find((e) => e.officeCode === officeB && e.name.length > 24)!;
  const crafted = { bankRef: 'E2E-FWD-0001', amount: 1_234_567, valueDate: '2026-05-20' };
  let admin: TestUser;
  let officerA: TestUser;
  let officerB: TestUser;
  const http = () => request(t.app.getHttpServer());

  async function queueOf(who: TestUser): Promise<ReceiptItem[]> {
    const out: ReceiptItem[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await http()
        .get('/api/receipts')
        .query({ limit: 200, ...(cursor ? { cursor } : {}) })
        .set(who.headers)
        .expect(200);
      out.push(...(res.body.items as ReceiptItem[]));
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  }

  async function session(who: TestUser): Promise<Page> {
    const context = await browser.newContext({
      locale: 'vi-VN',
      viewport: { width: 1600, height: 1000 },
    });
    contexts.push(context);
    const p = await context.newPage();
    await p.addInitScript(() => localStorage.setItem('sothu.lang', 'vi'));
    await p.goto(`${base}/`);
    await p.waitForURL(/\/sign-in/);
    await p.getByLabel('Thư điện tử').fill(who.email);
    await p.getByLabel('Mật khẩu').fill(who.password);
    await p.getByRole('button', { name: 'Đăng nhập' }).click();
    await p.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    return p;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp('sqlite', { UPLOAD_RATE_LIMIT: '1000', AUTH_LOGIN_RATE_LIMIT: '100' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await createUser(t, { role: 'admin' });
    const { importAndCommit } = importClient(
      () => t.app,
      () => admin.headers,
    );
    for (const o of province.offices)
      await http().post('/api/offices').set(admin.headers).send(o).expect(201);
    const files = await writeProvince(province, join(dir, 'province'), { truth: false });
    await importAndCommit(join(dir, 'province', files.employers), 'employers');
    await importAndCommit(join(dir, 'province', files.receivables), 'receivables');
    for (const r of files.rosters) await importAndCommit(join(dir, 'province', r), 'roster');
    for (const r of files.receipts)
      await importAndCommit(join(dir, 'province', r.file), 'receipts');
    // HT0002C's code mistyped (office A's employer) by a payer the bank names as office B's employer
    const extra = await buildWorkbook(dir, 'sao-ke-e2e.xlsx', [
      {
        name: 'Sao kê',
        rows: [
          [...RECEIPT_HEADERS],
          [
            1,
            '20/05/2026',
            crafted.bankRef,
            crafted.amount,
            'HTO002C nop BHXH T04/2026',
            fold(other.name).slice(0, 24),
            null,
          ],
        ],
      },
    ]);
    await importAndCommit(extra, 'receipts');
    await eventually(async () => {
      const items = await queueOf(admin);
      const a = items.find((r) => r.bankRef === o0.bankRef);
      const b = items.find((r) => r.bankRef === crafted.bankRef);
      return a?.candidates.some((c) => c.reasons.some((x) => x.startsWith('amount='))) &&
        b?.candidates.some((c) => c.unitCode === other.unitCode)
        ? true
        : undefined;
    }, 90_000);
    officerA = await createUser(t, { role: 'officer', offices: [officeA] });
    officerB = await createUser(t, { role: 'officer', offices: [officeB] });
  }, 420_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  it('shows the queue newest first with the suspense total, and the candidates with their reasons in Vietnamese', async () => {
    const page = await session(officerA);
    await page.goto(`${base}/receipts`);
    await page.getByRole('heading', { level: 1, name: vi.receiptsTitle }).waitFor();
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor({ timeout: 30_000 });
    // the suspense this officer sees, as the API sums it
    const api = (await http().get('/api/receipts?limit=1').set(officerA.headers).expect(200)).body;
    await page
      .getByText(
        `Tạm thu: ${formatInteger(api.suspense.count)} giấy báo có, tổng ${formatMoney(api.suspense.total)}`,
      )
      .waitFor();
    // value dates, newest first (dd/mm/yyyy on screen: compare as yyyy-mm-dd)
    const shown = (
      await page.locator('.ant-table-tbody .ant-table-row td:first-child').allTextContents()
    ).map((d) => d.trim().split('/').reverse().join('-'));
    expect(shown.length).toBeGreaterThan(1);
    expect(shown).toEqual([...shown].sort().reverse());

    // the O/0 receipt: HT0002C first, each reason in Vietnamese
    const row = page.locator('.ant-table-row', { hasText: o0.bankRef });
    const item = (await queueOf(officerA)).find((r) => r.bankRef === o0.bankRef)!;
    const top = item.candidates[0]!;
    expect(top.unitCode).toBe('HT0002C');
    const first = row.locator('.candidates li').first();
    expect(await first.getAttribute('data-unit')).toBe('HT0002C');
    for (const reason of top.reasons)
      await first.locator('.reason', { hasText: reasonText('vi', reason) }).waitFor();
    expect(await first.locator('.reason').allTextContents()).toEqual(
      expect.arrayContaining(['Mã gần giống', 'Tên']),
    );
    expect(
      (await first.locator('.reason').allTextContents()).some((x) => x.startsWith('Số tiền = ')),
    ).toBe(true);
    await expectAccessible(page, 'receipts-queue');
    await screenshot(page, 'receipts-queue');
    await screenshotPhone(page, 'receipts-queue');
  });

  it('filters by amount, and confirms the top suggestion in one click', async () => {
    const page = await session(officerA);
    await page.goto(`${base}/receipts`);
    await page.getByLabel(vi.amountMin).fill(String(o0.amount));
    await page.getByLabel(vi.amountMax).fill(String(o0.amount));
    await page.getByRole('button', { name: vi.apply }).click();
    await page.waitForURL(new RegExp(`amountMin=${o0.amount}`));
    const rows = page.locator('.ant-table-tbody .ant-table-row');
    await rows.filter({ hasText: o0.bankRef }).waitFor();
    expect(await rows.count()).toBe(
      (await queueOf(officerA)).filter((r) => r.amount === o0.amount && r.status === 'unmatched')
        .length,
    );
    const row = rows.filter({ hasText: o0.bankRef });
    await row.getByRole('button', { name: 'Xác nhận HT0002C' }).click();
    await page.getByText('Đã khớp với HT0002C.').waitFor();
    const after = (await queueOf(admin)).find((r) => r.bankRef === o0.bankRef)!;
    expect(after).toMatchObject({ status: 'matched', unitCode: 'HT0002C', method: 'officer' });
  });

  it("sends a receipt of another office's employer to that office: it leaves this queue and appears in theirs", async () => {
    const page = await session(officerA);
    await page.goto(`${base}/receipts`);
    const row = page.locator('.ant-table-row', { hasText: crafted.bankRef });
    await row.waitFor({ timeout: 30_000 });
    const candidate = row.locator(`.candidates li[data-unit="${other.unitCode}"]`);
    await candidate.waitFor();
    await expectAccessible(page, 'receipts-forward');
    await candidate
      .getByRole('button', { name: new RegExp(`^${escape(`Chuyển cho cơ quan ${officeB}`)}$`) })
      .click();
    await page.getByText(`Đã chuyển giấy báo có cho cơ quan ${officeB}.`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await queueOf(officerA)).map((r) => r.bankRef)).not.toContain(crafted.bankRef);

    const pageB = await session(officerB);
    await pageB.goto(`${base}/receipts`);
    const rowB = pageB.locator('.ant-table-row', { hasText: crafted.bankRef });
    await rowB.waitFor({ timeout: 30_000 });
    await rowB.getByText(`Đã chuyển cho cơ quan ${officeB}`).waitFor();
    await screenshot(pageB, 'receipts-forwarded');
  });
});
