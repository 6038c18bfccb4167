import type { AddressInfo } from 'node:net';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { periodRange } from '../../src/domain/dates.js';
import { Employer } from '../../src/modules/employers/employer.entity.js';
import { ReceivableLine } from '../../src/modules/ledger-facts/receivable-line.entity.js';
import { buildWorkbook, tempDir } from '../fixtures/workbooks/build-workbook.js';
import {
  createUser,
  eventually,
  startTestApp,
  TEST_OFFICE,
  type TestApp,
  type TestUser,
} from '../support/harness.js';
import { expectAccessible, launchChromium, SCREENSHOTS, screenshot } from './browser.js';

/**
 * Walks every page of the console as officer, inspector and admin, in Vietnamese and in English, at a
 * desktop's 1440×900 and a phone's 390×844 (#18). On each it fails on: the page scrolling sideways
 * (document wider than the viewport), a raw error code in the visible text (`SOME_CODE`), a message the
 * server wrote (English) shown as it is in Vietnamese mode, and a serious or critical axe violation.
 * Every finding of the walk is collected and listed at the end, so one run shows them all. Screenshots
 * of the employer sheet, the inspection queue and an import with problems are kept at both sizes.
 */

jest.setTimeout(1_200_000);

const D = '2026-06-15';
const SIZES = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
type Size = keyof typeof SIZES;
const LANGS = ['vi', 'en'] as const;
type Lang = (typeof LANGS)[number];

/**
 * A technical code: capitals joined by underscores (`INVALID_CREDENTIALS`, `WRONG_KIND`, also
 * `NO_HEADER_ROW` and `SI_SICK`, whose first part is short).
 */
const RAW_CODE = /\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/g;

/** Every `message` an API answer carries (errors, import problems): texts the server wrote, in English. */
export function serverMessages(body: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(body)) for (const x of body) serverMessages(x, out);
  else if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if ((k === 'message' || k === 'failedReason') && typeof v === 'string' && v.length >= 12) out.add(v);
      else serverMessages(v, out);
    }
  }
  return out;
}

describe('every console page, both languages, desktop and phone (chromium, real app on SQLite)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const users = {} as Record<'officer' | 'inspector' | 'admin', TestUser>;
  const ids = { batch: '', set: '', flag: 0, case: 0 };
  const findings: string[] = [];
  /** The findings as they come, beside the screenshots (a CI artefact; readable while the walk runs). */
  const log = join(SCREENSHOTS, 'page-walk-findings.txt');
  const found = (line: string) => {
    findings.push(line);
    appendFileSync(log, `${line}\n`);
  };
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(log, '');
    browser = await launchChromium();
    t = await startTestApp('sqlite', { AUTH_LOGIN_RATE_LIMIT: '1000', UPLOAD_RATE_LIMIT: '1000' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    users.admin = await createUser(t, { role: 'admin' });
    users.officer = await createUser(t, { role: 'officer' }); // office 09901
    users.inspector = await createUser(t, { role: 'inspector' });

    // an employer ten months behind (flags, a case, a long employer sheet) and one with a long name
    const em = t.app.get(EntityManager).fork();
    const employer = (unitCode: string, name: string, from: string) => {
      em.create(Employer, {
        unitCode,
        name,
        officeCode: TEST_OFFICE,
        region: 'I',
        cycle: 'monthly',
        oaRateBp: 50,
        status: 'active',
      });
      for (const period of periodRange(from, '2026-06'))
        for (const [fund, amount] of [
          ['SI_RETIRE', 8_000_000],
          ['HI', 1_500_000],
          ['UI', 500_000],
        ] as const)
          em.create(ReceivableLine, { unitCode, period, fund, amount, reason: '', batchId: 'b' });
    };
    employer('PA0001A', 'Công ty TNHH Nợ Lâu', '2025-07');
    employer('LN0001A', 'Công ty Cổ phần Đầu tư Xây dựng và Thương mại Dịch vụ Kỹ thuật Miền Bắc', '2026-01');
    await em.flush();
    const run = await http().post('/api/runs').set(users.admin.headers).send({ day: D }).expect(202);
    await eventually(async () => {
      const runs = await http().get('/api/runs').set(users.admin.headers).expect(200);
      const r = runs.body.items.find((x: { day: string }) => x.day === D);
      if (r?.status === 'failed') throw new Error(`run failed: ${JSON.stringify(r.report)}`);
      return r?.status === 'completed' ? r : undefined;
    }, 120_000);
    void run;
    const flags = await http().get('/api/flags').set(users.inspector.headers).expect(200);
    ids.flag = flags.body.items[0].id;
    const opened = await http()
      .post('/api/cases')
      .set(users.inspector.headers)
      .send({ flagIds: [flags.body.items.at(-1).id] })
      .expect(201);
    ids.case = opened.body.id;

    // an import with problems: a workbook that is no employer registry (unknown columns, none it needs)
    const bad = await buildWorkbook(tempDir('sothu-walk-'), 'danh-sach.xlsx', [
      {
        name: 'Sheet1',
        rows: [
          ['STT', 'Tên', 'Ghi chú'],
          [1, 'Công ty A', 'x'],
          [2, 'Công ty B', 'y'],
        ],
      },
    ]);
    const up = await http()
      .post('/api/imports')
      .set(users.officer.headers)
      .field('kind', 'employers')
      .attach('file', readFileSync(bad), 'danh-sach.xlsx')
      .expect(202);
    ids.batch = up.body.id;
    ids.set = up.body.setId;
    await eventually(async () => {
      const b = await http().get(`/api/imports/${ids.batch}`).set(users.officer.headers).expect(200);
      return ['validated', 'rejected', 'failed'].includes(b.body.status) ? b.body : undefined;
    }, 60_000);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const pagesOf = (role: 'officer' | 'inspector' | 'admin'): string[] => {
    const office = ['/imports', `/imports/${ids.batch}`, `/import-sets/${ids.set}`, '/receipts'];
    const inspect = ['/inspection', '/flags', `/flags/${ids.flag}`, '/cases', `/cases/${ids.case}`];
    const everyone = ['/employers', '/employers/PA0001A', '/office'];
    const admin = ['/admin/offices', '/admin/users', '/admin/reference', '/admin/audit'];
    if (role === 'officer') return [...office, ...everyone];
    if (role === 'inspector') return [...inspect, ...everyone];
    return [...office, ...inspect, ...everyone, ...admin];
  };

  /** Signs in through the form in a fresh browser context; the context keeps the session for the walk. */
  async function signedIn(user: TestUser): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ acceptDownloads: true, viewport: SIZES.desktop });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel(/Thư điện tử|Email/).fill(user.email);
    await page.getByLabel(/Mật khẩu|Password/).fill(user.password);
    await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    return { context, page };
  }

  /** API requests of each page not yet answered (pages that poll are never "network idle"). */
  const inFlight = new WeakMap<Page, Set<unknown>>();
  function trackApi(page: Page) {
    const pending = new Set<unknown>();
    inFlight.set(page, pending);
    const isApi = (url: string) => url.includes('/api/');
    page.on('request', (r) => void (isApi(r.url()) && pending.add(r)));
    page.on('requestfinished', (r) => void pending.delete(r));
    page.on('requestfailed', (r) => void pending.delete(r));
  }

  /** Opens a page and waits until it has drawn its content (no spinner left, its API answers in). */
  async function open(page: Page, path: string): Promise<void> {
    await page.goto(`${base}${path}`);
    await page.locator('h1').first().waitFor({ timeout: 30_000 });
    // quiet: no API request pending for 150 ms (at most 3 s: a polling page asks again every 700 ms)
    const pending = inFlight.get(page);
    for (let quiet = 0, waited = 0; pending && quiet < 150 && waited < 3_000; waited += 50) {
      await page.waitForTimeout(50);
      quiet = pending.size ? 0 : quiet + 50;
    }
    await page
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => undefined);
  }

  async function check(page: Page, where: string, lang: Lang, messages: Set<string>): Promise<void> {
    const { scrollWidth, innerWidth, text } = await page.evaluate<{
      scrollWidth: number;
      innerWidth: number;
      text: string;
    }>(
      '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, text: document.body.innerText })',
    );
    if (scrollWidth > innerWidth)
      found(`${where}: the page scrolls sideways (${scrollWidth} px wide in ${innerWidth} px)`);
    if (lang === 'vi') {
      const codes = [...new Set(text.match(RAW_CODE) ?? [])];
      if (codes.length) found(`${where}: raw codes visible: ${codes.join(', ')}`);
      const english = [...messages].filter((m) => text.includes(m));
      if (english.length)
        found(`${where}: server (English) messages visible: ${english.map((m) => JSON.stringify(m)).join('; ')}`);
    }
    try {
      await expectAccessible(page, where);
    } catch (e) {
      found(`${where}: axe: ${(e as Error).message.split('\n').filter((l) => /serious|critical/.test(l)).join(' | ')}`);
    }
  }

  async function walk(role: 'officer' | 'inspector' | 'admin'): Promise<number> {
    const { context, page } = await signedIn(users[role]);
    trackApi(page);
    const messages = new Set<string>();
    page.on('response', (res) => {
      if (!res.url().includes('/api/') || !(res.headers()['content-type'] ?? '').includes('json')) return;
      res
        .json()
        .then((b: unknown) => serverMessages(b, messages))
        .catch(() => undefined);
    });
    let visits = 0;
    for (const lang of LANGS) {
      await page.evaluate((l) => localStorage.setItem('sothu.lang', l), lang);
      for (const size of Object.keys(SIZES) as Size[]) {
        await page.setViewportSize(SIZES[size]);
        for (const path of pagesOf(role)) {
          await open(page, path);
          await check(page, `${role} ${lang} ${size} ${path}`, lang, messages);
          visits++;
          if (role === 'admin' && lang === 'vi') {
            const shot =
              path === '/employers/PA0001A'
                ? 'walk-employer-sheet'
                : path === '/inspection'
                  ? 'walk-inspection-queue'
                  : path === `/imports/${ids.batch}`
                    ? 'walk-import-problems'
                    : null;
            if (shot) await screenshot(page, `${shot}-${size}`);
          }
        }
      }
    }
    await context.close();
    return visits;
  }

  it('the sign-in page, signed out, in both languages and sizes', async () => {
    const context = await browser.newContext({ viewport: SIZES.desktop });
    const page = await context.newPage();
    for (const lang of LANGS) {
      await page.goto(`${base}/sign-in`);
      await page.evaluate((l) => localStorage.setItem('sothu.lang', l), lang);
      for (const size of Object.keys(SIZES) as Size[]) {
        await page.setViewportSize(SIZES[size]);
        await open(page, '/sign-in');
        await check(page, `signed-out ${lang} ${size} /sign-in`, lang, new Set());
      }
    }
    await context.close();
  });

  it.each(['officer', 'inspector', 'admin'] as const)('walks every page as %s', async (role) => {
    const visits = await walk(role);
    expect(visits).toBe(pagesOf(role).length * LANGS.length * 2);
  });

  it('found nothing on any page', () => {
    expect(findings).toEqual([]);
  });
});
