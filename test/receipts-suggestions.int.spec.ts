import { join } from 'node:path';
import request from 'supertest';
import { generateProvince } from '../seeds/generator/generate.js';
import { writeProvince } from '../seeds/generator/writers/province.js';
import { tempDir } from './fixtures/workbooks/build-workbook.js';
import {
  createUser,
  DB_KINDS,
  eventually,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/harness.js';
import { importClient } from './support/imports.js';

interface Candidate {
  rank: number;
  unitCode: string;
  name: string | null;
  officeCode: string | null;
  score: number;
  reasons: string[];
}
interface ReceiptItem {
  id: number;
  valueDate: string;
  amount: number;
  bankRef: string;
  memo: string;
  payerName: string | null;
  status: string;
  unitCode: string;
  method: string | null;
  suggestion: string | null;
  forwardedTo: string | null;
  candidates: Candidate[];
}
interface QueuePage {
  order: string;
  suspense: { count: number; total: number };
  items: ReceiptItem[];
  nextCursor: string | null;
}

/**
 * Receipts that find their employer (domain.md §8 step 5), through the HTTP API on the demo's province
 * (the generator's `small` scale, seed 1, as `npm run demo` writes it): its workbooks imported in the
 * dependency order, suggestions ranked as receipts land and again as ledgers change; the queue an
 * officer works; accent-blind employer search; sending a receipt to another office.
 */
describe.each(DB_KINDS)('receipts that find their employer on %s', (kind) => {
  let t: TestApp;
  const dir = tempDir('sothu-receipts-');
  const province = generateProvince({ seed: 1, scale: 'small' });
  let admin: TestUser;
  const http = () => request(t.app.getHttpServer());
  /** The demo's O/0 receipt: HT0002C typed with a letter O and a Z (`HT000ZC`), the payer cut short. */
  const o0 = province.receipts.find(
    (r) => r.intendedUnitCode === 'HT0002C' && r.expectedUnitCode === 'KM00000',
  )!;

  async function queue(who: TestUser, query = ''): Promise<QueuePage> {
    return (await http().get(`/api/receipts?limit=200${query}`).set(who.headers).expect(200))
      .body as QueuePage;
  }
  async function all(who: TestUser, query = ''): Promise<ReceiptItem[]> {
    const out: ReceiptItem[] = [];
    let cursor: string | null = null;
    do {
      const page: QueuePage = await queue(who, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
  const byRef = async (who: TestUser, bankRef: string) =>
    (await all(who)).find((r) => r.bankRef === bankRef);

  beforeAll(async () => {
    t = await startTestApp(kind, { UPLOAD_RATE_LIMIT: '1000', WORKER_CONCURRENCY: '2' });
    admin = await createUser(t, { role: 'admin' });
    const { importAndCommit } = importClient(
      () => t.app,
      () => admin.headers,
    );
    for (const o of province.offices)
      await http().post('/api/offices').set(admin.headers).send(o).expect(201);
    const files = await writeProvince(province, dir, { truth: false });
    await importAndCommit(join(dir, files.employers), 'employers');
    await importAndCommit(join(dir, files.receivables), 'receivables');
    for (const r of files.rosters) await importAndCommit(join(dir, r), 'roster');
    for (const r of files.receipts) await importAndCommit(join(dir, r.file), 'receipts');
    // ranked as the receipts landed, and again once the employers they paid are reconciled
    await eventually(async () => {
      const r = await byRef(admin, o0.bankRef);
      return r?.candidates.some((c) => c.reasons.some((x) => x.startsWith('amount=')))
        ? r
        : undefined;
    }, 90_000);
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it("ranks the demo's O/0 receipt to HT0002C first, its amount being an open quantity of HT0002C's ledger as of the value date", async () => {
    expect(o0.memo).toBe('HT000ZC nop BHXH T01-T03/2026');
    const r = (await byRef(admin, o0.bankRef))!;
    // still on suspense: nothing matched without an officer
    expect(r).toMatchObject({ status: 'unmatched', unitCode: 'KM00000', method: null });
    expect(r.suggestion).toBe('HT0002C');
    const top = r.candidates[0]!;
    expect(top).toMatchObject({ rank: 1, unitCode: 'HT0002C', name: 'Hợp tác xã Muối Gia Nghĩa' });
    expect(top.reasons).toEqual(expect.arrayContaining(['code-like', 'name']));
    expect(r.candidates.length).toBeLessThanOrEqual(5);
    expect(r.candidates.map((c) => c.score)).toEqual(
      [...r.candidates.map((c) => c.score)].sort((a, b) => b - a),
    );

    // which open quantity the amount equals, read off the ledger route as of the value date
    const ledger = (
      await http()
        .get(`/api/employers/HT0002C/ledger?asOf=${o0.valueDate}`)
        .set(admin.headers)
        .expect(200)
    ).body as {
      totals: { overduePrincipal: number };
      periods: { period: string; balance: number }[];
    };
    const balance = (p: string) => ledger.periods.find((x) => x.period === p)?.balance ?? 0;
    const q1 = balance('2026-01') + balance('2026-02') + balance('2026-03');
    const expected =
      ledger.totals.overduePrincipal === o0.amount
        ? 'amount=overdue'
        : q1 === o0.amount
          ? 'amount=periods 01/2026-03/2026'
          : null;
    expect(expected).not.toBeNull(); // the amount is an open quantity of HT0002C's ledger on that day
    expect(top.reasons).toContain(expected);
    expect(top.score).toBeGreaterThan(r.candidates[1]?.score ?? 0);
  });

  it('finds an employer whatever the accents, case or a bank cutting its name short', async () => {
    for (const q of [
      'muoi gia nghia',
      'Muối Gia Nghĩa',
      'HTX MUOI GIA NGHI',
      'HOP TAC XA MUOI GIA NGHI',
    ]) {
      const res = await http()
        .get('/api/employers')
        .query({ q, limit: 50 })
        .set(admin.headers)
        .expect(200);
      expect({ q, units: res.body.items.map((e: { unitCode: string }) => e.unitCode) }).toEqual({
        q,
        units: ['HT0002C'],
      });
    }
    const vanHoa = province.employers.filter((e) =>
      e.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().includes('van hoa'),
    );
    expect(vanHoa.length).toBeGreaterThan(0);
    for (const q of ['van hoa', 'Văn hóa', 'VAN HOA']) {
      const res = await http()
        .get('/api/employers')
        .query({ q, limit: 50 })
        .set(admin.headers)
        .expect(200);
      expect(res.body.items.map((e: { unitCode: string }) => e.unitCode).sort()).toEqual(
        vanHoa.map((e) => e.unitCode).sort(),
      );
    }
    // offices too (the user and office pickers): accent-blind on code and name
    const office = province.offices[0]!;
    const plain = office.name
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toUpperCase();
    const offices = await http()
      .get('/api/offices')
      .query({ q: plain })
      .set(admin.headers)
      .expect(200);
    expect(offices.body.items.map((o: { code: string }) => o.code)).toEqual([office.code]);
    // unit and tax codes still find
    const tax = province.employers.find((e) => e.unitCode === 'HT0002C')!.taxCode!;
    for (const q of ['ht0002c', tax]) {
      const res = await http().get('/api/employers').query({ q }).set(admin.headers).expect(200);
      expect(res.body.items.map((e: { unitCode: string }) => e.unitCode)).toContain('HT0002C');
    }
  });

  it('lists the queue by value date, newest first or oldest first, with the suspense count and total summed by the database', async () => {
    const desc = await all(admin);
    expect(desc).toHaveLength(province.receipts.length);
    const dates = desc.map((r) => r.valueDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const asc = await all(admin, '&order=asc');
    expect(asc.map((r) => r.id)).toEqual(
      [...asc]
        .sort((a, b) =>
          a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : a.id - b.id,
        )
        .map((r) => r.id),
    );
    // on suspense: what no rule 0–3 tied (the generator's truth: no method, or a name suggestion)
    const onSuspense = province.receipts.filter(
      (r) => r.expectedMethod === 'none' || r.expectedMethod === 'name',
    );
    const page = (await http().get('/api/receipts?limit=5').set(admin.headers).expect(200))
      .body as QueuePage;
    expect(page.items).toHaveLength(5);
    expect(page.suspense).toEqual({
      count: onSuspense.length,
      total: onSuspense.reduce((s, r) => s + r.amount, 0),
    });
  });

  it('filters by amount range, value-date range and method', async () => {
    const inRange = province.receipts.filter(
      (r) =>
        r.amount >= 10_000_000 &&
        r.amount <= 30_000_000 &&
        r.valueDate >= '2025-05-01' &&
        r.valueDate <= '2025-10-31',
    );
    const got = await all(
      admin,
      '&amountMin=10000000&amountMax=30000000&from=2025-05-01&to=2025-10-31',
    );
    expect(got.map((r) => r.bankRef).sort()).toEqual(inRange.map((r) => r.bankRef).sort());
    const none = await all(admin, '&method=none');
    expect(none.map((r) => r.bankRef).sort()).toEqual(
      province.receipts
        .filter((r) => r.expectedMethod === 'none')
        .map((r) => r.bankRef)
        .sort(),
    );
    const tax = await all(admin, '&method=tax-code&status=matched');
    expect(tax.length).toBe(
      province.receipts.filter((r) => r.expectedMethod === 'tax-code').length,
    );
    await http().get('/api/receipts?amountMin=-1').set(admin.headers).expect(400);
    await http().get('/api/receipts?from=2025-02-30').set(admin.headers).expect(400);
    await http().get('/api/receipts?method=guess').set(admin.headers).expect(400);
  });

  it('sends a receipt to the office of its employer: it leaves the queue and appears in theirs, audited', async () => {
    const [a, b] = province.offices.map((o) => o.code);
    const officerA = await createUser(t, { role: 'officer', offices: [a!] });
    const officerB = await createUser(t, { role: 'officer', offices: [b!] });
    // a receipt no rule tied and nobody is suggested for: in every office's queue
    const everyone = (await all(officerA)).find(
      (r) => r.unitCode === 'KM00000' && r.suggestion === null && !r.forwardedTo,
    )!;
    expect(everyone).toBeDefined();
    expect((await all(officerB)).map((r) => r.id)).toContain(everyone.id);

    const sent = await http()
      .post(`/api/receipts/${everyone.id}/forward`)
      .set(officerA.headers)
      .send({ office: b })
      .expect(200);
    expect(sent.body.receipt).toMatchObject({
      id: everyone.id,
      forwardedTo: b,
      unitCode: 'KM00000',
    });
    expect((await all(officerA)).map((r) => r.id)).not.toContain(everyone.id);
    expect((await all(officerB)).map((r) => r.id)).toContain(everyone.id);
    // the sender can no longer act on it; the receiver can
    await http()
      .post(`/api/receipts/${everyone.id}/forward`)
      .set(officerA.headers)
      .send({ office: a })
      .expect(404);
    // the suspense total follows the queue
    const totalA = (await queue(officerA)).suspense;
    const totalB = (await queue(officerB)).suspense;
    const totalAll = (await queue(admin)).suspense;
    expect(totalA.count).toBeLessThan(totalAll.count);
    expect(totalB.count).toBeLessThanOrEqual(totalAll.count);
    const audit = await http()
      .get('/api/audit?action=receipt.forward&limit=50')
      .set(admin.headers)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        objectId: String(everyone.id),
        details: { from: null, to: b },
      }),
    ]);
    // a matched receipt stays with its employer; an office that does not exist is refused
    const matched = (await all(admin, '&status=matched'))[0]!;
    const refused = await http()
      .post(`/api/receipts/${matched.id}/forward`)
      .set(admin.headers)
      .send({ office: b })
      .expect(409);
    expect(refused.body.error.code).toBe('RECEIPT_ALREADY_MATCHED');
    const unknown = await http()
      .post(`/api/receipts/${everyone.id}/forward`)
      .set(admin.headers)
      .send({ office: '09999' })
      .expect(422);
    expect(unknown.body.error.code).toBe('UNKNOWN_OFFICE');
  });

  it('confirms the top suggestion in one call: matched by the officer, audited, candidates gone, the employer reconciled', async () => {
    const r = (await byRef(admin, o0.bankRef))!;
    const res = await http()
      .post(`/api/receipts/${r.id}/match`)
      .set(admin.headers)
      .send({ unitCode: r.suggestion })
      .expect(200);
    expect(res.body.receipt).toMatchObject({
      status: 'matched',
      unitCode: 'HT0002C',
      method: 'officer',
      suggestion: null,
    });
    const after = (await byRef(admin, o0.bankRef))!;
    expect(after.candidates).toEqual([]);
    const audit = await http()
      .get('/api/audit?action=receipt.match&limit=50')
      .set(admin.headers)
      .expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        objectId: String(r.id),
        details: { from: null, to: 'HT0002C', suggested: 'HT0002C' },
      }),
    );
    // HT0002C's ledger now counts the receipt
    await eventually(async () => {
      const l = await http()
        .get(`/api/employers/HT0002C/ledger?asOf=${o0.valueDate}`)
        .set(admin.headers)
        .expect(200);
      return l.body.payments.some((p: { bankRef: string }) => p.bankRef === o0.bankRef)
        ? true
        : undefined;
    });
  });
});
