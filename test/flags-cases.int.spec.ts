import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { computeLedger, type LedgerInput } from '../src/domain/ledger.js';
import { compareByRisk, type FlagResult } from '../src/domain/flags.js';
import { periodRange } from '../src/domain/dates.js';
import { buildReferenceData } from '../src/domain/reference-data.js';
import { CaseEvidenceService } from '../src/modules/cases/index.js';
import { Employer } from '../src/modules/employers/employer.entity.js';
import { Flag } from '../src/modules/flags/flag.entity.js';
import { FlagsService } from '../src/modules/flags/index.js';
import { Receipt } from '../src/modules/ledger-facts/receipt.entity.js';
import { ReceivableLine } from '../src/modules/ledger-facts/receivable-line.entity.js';
import { EmployerSnapshot } from '../src/modules/snapshots/employer-snapshot.entity.js';
import { loadReferenceRecords } from '../seeds/reference/records.js';
import { authHeader, DB_KINDS, startTestApp, type TestApp } from './support/harness.js';
import { binary, readWorkbook } from './support/xlsx.js';

const ref = buildReferenceData(loadReferenceRecords());
const months = periodRange('2025-07', '2026-12');

/** Employer due 10,000,000 a month from 2025-07; pays 2025-07 only, then nothing. */
function lateEmployer(unitCode: string): LedgerInput {
  return {
    employer: { unitCode, cycle: 'monthly', status: 'active', oaRate: 'standard', region: 'I' },
    ledgerLines: months.flatMap((period) => [
      { period, fund: 'SI_RETIRE' as const, amount: 8_000_000 },
      { period, fund: 'HI' as const, amount: 1_000_000 },
      { period, fund: 'UI' as const, amount: 1_000_000 },
    ]),
    payments: [{ valueDate: '2025-08-20', amount: 10_000_000, bankRef: `${unitCode}-P1` }],
  };
}

const result = (
  code: FlagResult['code'],
  severity: FlagResult['severity'],
  riskScore: number,
  evidence = {},
): FlagResult => ({
  code,
  severity,
  riskScore,
  evidence,
});

describe.each(DB_KINDS)('inspection flags and cases on %s', (kind) => {
  let t: TestApp;
  let flags: FlagsService;
  let evidence: CaseEvidenceService;
  let admin: Record<string, string> = {};
  const http = () => request.agent(t.app.getHttpServer()).set(admin);
  const em = () => t.app.get(EntityManager).fork();

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await authHeader(t, 'admin');
    flags = t.app.get(FlagsService);
    evidence = t.app.get(CaseEvidenceService);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps one open flag per employer and code: raise, update in place, condition-cleared, raise anew', async () => {
    const apply = (asOf: string, results: FlagResult[], monthsOfDebtMilli = 3500) =>
      em().transactional((tx) =>
        flags.applyEvaluation(tx, {
          unitCode: 'LC0001A',
          officeCode: '06703',
          asOf,
          flags: results,
          monthsOfDebtMilli,
        }),
      );

    expect(await apply('2026-01-31', [result('PROLONGED_ARREARS', 'medium', 100)])).toEqual({
      raised: 1,
      updated: 0,
      cleared: 0,
    });
    const [first] = await em().find(Flag, { unitCode: 'LC0001A' });
    expect(first).toMatchObject({
      status: 'open',
      severity: 'medium',
      riskScore: 100,
      raisedOn: '2026-01-31',
    });

    expect(
      await apply(
        '2026-02-28',
        [result('PROLONGED_ARREARS', 'high', 250, { monthsOfDebt: 6.2 })],
        6200,
      ),
    ).toEqual({ raised: 0, updated: 1, cleared: 0 });
    let rows = await em().find(Flag, { unitCode: 'LC0001A' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: first!.id,
      severity: 'high',
      riskScore: 250,
      monthsOfDebtMilli: 6200,
      evidence: { monthsOfDebt: 6.2 },
      raisedOn: '2026-01-31',
      evaluatedOn: '2026-02-28',
    });

    // an older day re-run changes nothing
    expect(await apply('2026-02-01', [])).toEqual({ raised: 0, updated: 0, cleared: 0 });

    expect(await apply('2026-03-31', [])).toEqual({ raised: 0, updated: 0, cleared: 1 });
    rows = await em().find(Flag, { unitCode: 'LC0001A' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: first!.id,
      status: 'condition-cleared',
      clearedOn: '2026-03-31',
    });
    expect(rows[0]!.clearedAt).toBeInstanceOf(Date);

    expect(await apply('2026-04-30', [])).toEqual({ raised: 0, updated: 0, cleared: 0 });
    expect(await apply('2026-05-31', [result('PROLONGED_ARREARS', 'medium', 90)])).toEqual({
      raised: 1,
      updated: 0,
      cleared: 0,
    });
    rows = await em().find(Flag, { unitCode: 'LC0001A' }, { orderBy: { id: 'asc' } });
    expect(rows.map((f) => [f.id === first!.id, f.status, f.raisedOn])).toEqual([
      [true, 'condition-cleared', '2026-01-31'],
      [false, 'open', '2026-05-31'],
    ]);
  });

  it('drives an employer from its first late month to PROLONGED_ARREARS through computeLedger and applyEvaluation', async () => {
    const unit = 'LT0002B';
    const input = lateEmployer(unit);
    const thresholds = await flags.thresholds(em());
    const seen: Record<string, unknown[]> = {};
    for (const asOf of [
      '2025-09-15',
      '2025-10-15',
      '2025-11-15',
      '2025-12-15',
      '2026-01-15',
      '2026-03-15',
    ]) {
      const ledger = computeLedger(input, asOf, { flagThresholds: thresholds }, ref);
      const counts = await em().transactional((tx) =>
        flags.applyEvaluation(tx, {
          unitCode: unit,
          officeCode: '06703',
          asOf,
          flags: ledger.flags,
          monthsOfDebtMilli: ledger.monthsOfDebtMilli,
        }),
      );
      const open = await em().find(
        Flag,
        { unitCode: unit, status: 'open' },
        { orderBy: { code: 'asc' } },
      );
      seen[asOf] = [ledger.monthsOfDebtMilli, counts, open.map((f) => `${f.code}:${f.severity}`)];
    }
    expect(seen['2025-09-15']).toEqual([0, { raised: 0, updated: 0, cleared: 0 }, []]);
    expect(seen['2025-10-15']).toEqual([1000, { raised: 0, updated: 0, cleared: 0 }, []]); // first late month: no flag yet
    // 2 months (2025-08 due 09-30, 2025-09 due 10-31 unpaid); by D + 31 = 12-16 2025-10 (due 11-30) is
    // overdue too: 3 months if nothing is paid, so the early warning is raised with REPEAT_LATE (1 of 3
    // periods settled on time)
    expect(seen['2025-11-15']).toEqual([
      2000,
      { raised: 2, updated: 0, cleared: 0 },
      ['PROLONGED_IMMINENT:low', 'REPEAT_LATE:low'],
    ]);
    // prolonged now: PROLONGED_ARREARS raised, REPEAT_LATE updated, the warning's condition cleared
    expect(seen['2025-12-15']).toEqual([
      3000,
      { raised: 1, updated: 1, cleared: 1 },
      ['PROLONGED_ARREARS:medium', 'REPEAT_LATE:low'],
    ]);
    expect(seen['2026-03-15']).toEqual([
      6000,
      { raised: 0, updated: 2, cleared: 0 },
      ['PROLONGED_ARREARS:high', 'REPEAT_LATE:low'],
    ]);
    const prolonged = await em().find(Flag, { unitCode: unit, code: 'PROLONGED_ARREARS' });
    expect(prolonged).toHaveLength(1);
    expect(prolonged[0]).toMatchObject({
      raisedOn: '2025-12-15',
      evaluatedOn: '2026-03-15',
      monthsOfDebtMilli: 6000,
      riskScore: 180_000_000,
    });
  });

  it('works a case up the ladder: reminders feed EVASION_SUSPECTED, illegal steps are refused, then referred', async () => {
    const unit = 'LT0003C';
    const input = lateEmployer(unit);
    const apply = async (asOf: string) => {
      const ev = (await evidence.forUnits(em(), [unit])).get(unit)!;
      const ledger = computeLedger({ ...input, ...ev }, asOf, {}, ref);
      await em().transactional((tx) =>
        flags.applyEvaluation(tx, {
          unitCode: unit,
          officeCode: '06703',
          asOf,
          flags: ledger.flags,
          monthsOfDebtMilli: ledger.monthsOfDebtMilli,
        }),
      );
      return ledger.flags.map((f) => f.code).sort();
    };
    expect(await apply('2025-12-15')).toEqual(['PROLONGED_ARREARS', 'REPEAT_LATE']);
    const snap = em();
    snap.create(EmployerSnapshot, {
      day: '2025-12-15',
      unitCode: unit,
      officeCode: '06703',
      provinceCode: '67',
      overduePrincipal: 30_000_000,
      principalOutstanding: 40_000_000,
      chargesUnpaid: 123_000,
      credit: 0,
      monthsOfDebtMilli: 3000,
      debtClass: 'prolonged',
      hardToCollect: false,
      ageing: {},
      ytdReceivable: 60_000_000,
      computedAt: new Date(),
    });
    await snap.flush();

    const ids = (await em().find(Flag, { unitCode: unit })).map((f) => String(f.id));
    const opened = await http()
      .post('/api/cases')
      .send({ flagIds: ids, note: 'queue top' })
      .expect(201);
    const id = opened.body.id as number;
    expect(opened.body).toMatchObject({
      unitCode: unit,
      status: 'open',
      allowedTransitions: expect.arrayContaining(['reminded', 'dismissed']),
    });
    const again = await http()
      .post('/api/cases')
      .send({ flagIds: [Number(ids[0])] })
      .expect(409);
    expect(again.body.error.code).toBe('FLAG_IN_ACTIVE_CASE');

    const step = (body: Record<string, unknown>) =>
      http().post(`/api/cases/${id}/transitions`).send(body);
    const skip = await step({ to: 'reconciled', date: '2025-12-20' }).expect(409);
    expect(skip.body.error).toMatchObject({
      code: 'CASE_TRANSITION_NOT_ALLOWED',
      details: { from: 'open', to: 'reconciled' },
    });
    expect(skip.body.error.details.allowed).toEqual([
      'reminded',
      'paid',
      'instalment-plan',
      'dismissed',
    ]);
    expect(skip.body.error.message).toContain('reminded');
    expect((await step({ to: 'reminded' }).expect(422)).body.error.code).toBe('CASE_DATE_REQUIRED');
    expect((await step({ to: 'dismissed' }).expect(422)).body.error.code).toBe(
      'CASE_NOTE_REQUIRED',
    );
    expect((await step({ to: 'bogus' }).expect(400)).body.error.code).toBe('BAD_REQUEST');

    await step({ to: 'reminded', date: '2025-11-20', note: 'written reminder no. 1' }).expect(200);
    await step({ to: 'reminded', date: '2025-12-05' }).expect(200);
    const ev = (await evidence.forUnits(em(), [unit, 'NOCASE1'])).get(unit)!;
    expect(ev).toEqual({ reminderDates: ['2025-11-20', '2025-12-05'], sanctionDates: [] });
    expect((await evidence.forUnits(em(), ['NOCASE1'])).get('NOCASE1')).toEqual({
      reminderDates: [],
      sanctionDates: [],
    });
    // the oldest unpaid line (2025-08, due 2025-09-30) is > 60 days past due and a reminder is dated ≤ D
    expect(await apply('2025-12-15')).toEqual([
      'EVASION_SUSPECTED',
      'PROLONGED_ARREARS',
      'REPEAT_LATE',
    ]);
    expect(
      await em().count(Flag, { unitCode: unit, code: 'EVASION_SUSPECTED', status: 'open' }),
    ).toBe(1);

    await step({ to: 'reconciled', date: '2026-01-10' }).expect(200);
    const early = await step({ to: 'inspection-proposed', date: '2026-01-20' }).expect(409);
    expect(early.body.error).toMatchObject({
      code: 'CASE_INSPECTION_TOO_EARLY',
      details: { minutesOn: '2026-01-10', earliest: '2026-02-09' },
    });
    await step({ to: 'inspection-proposed', date: '2026-02-09' }).expect(200);
    expect((await step({ to: 'referred' }).expect(409)).body.error.details.allowed).toEqual(
      expect.arrayContaining(['inspecting', 'paid', 'open', 'reminded', 'reconciled']),
    );
    expect((await step({ to: 'reminded', date: '2026-02-10' }).expect(422)).body.error.code).toBe(
      'CASE_NOTE_REQUIRED',
    ); // back without a note
    await step({ to: 'inspecting', date: '2026-02-15' }).expect(200);
    await http()
      .post(`/api/cases/${id}/assign`)
      .send({ inspector: 'tra@bhxh.example' })
      .expect(200);
    await http()
      .post(`/api/cases/${id}/sanctions`)
      .send({ date: '2026-03-01', amount: 75_000_000, note: 'QĐ 12/QĐ-XPHC' })
      .expect(201);
    await http().post(`/api/cases/${id}/notes`).send({ note: '=HYPERLINK("x")' }).expect(201);
    expect((await evidence.forUnits(em(), [unit])).get(unit)!.sanctionDates).toEqual([
      '2026-03-01',
    ]);
    const referred = await step({ to: 'referred', note: 'art. 216' }).expect(200);
    expect(referred.body).toMatchObject({
      status: 'referred',
      allowedTransitions: [],
      assignee: 'tra@bhxh.example',
      reminders: 2,
      minutesOn: '2026-01-10',
    });
    const closed = await step({ to: 'paid' }).expect(409);
    expect(closed.body.error.code).toBe('CASE_CLOSED');

    const detail = await http().get(`/api/cases/${id}`).expect(200);
    expect(detail.body.flags).toHaveLength(2);
    expect(
      detail.body.timeline.map(
        (e: { kind: string; to: string | null }) => `${e.kind}:${e.to ?? ''}`,
      ),
    ).toEqual([
      'opened:open',
      'transition:reminded',
      'transition:reminded',
      'transition:reconciled',
      'transition:inspection-proposed',
      'transition:inspecting',
      'assigned:',
      'sanction:',
      'note:',
      'transition:referred',
    ]);
    expect(detail.body.timeline[1]).toMatchObject({
      actor: expect.stringMatching(/^admin-.*@test\.example$/),
      from: 'open',
      to: 'reminded',
      date: '2025-11-20',
      note: 'written reminder no. 1',
    });
    expect(detail.body.timeline[1].arrears).toMatchObject({
      day: '2025-12-15',
      overduePrincipal: 30_000_000,
      monthsOfDebtMilli: 3000,
    });
    expect(detail.body.timeline[7]).toMatchObject({
      kind: 'sanction',
      amount: 75_000_000,
      date: '2026-03-01',
    });

    // a closed case frees its flags for a new one
    await http().post('/api/cases').send({ flagIds: ids }).expect(201);

    const list = await http().get('/api/cases?status=closed&office=06703').expect(200);
    expect(list.body.items.map((c: { id: number }) => c.id)).toEqual([id]);
    const xlsx = await http().get('/api/cases.xlsx').buffer(true).parse(binary).expect(200);
    const sheet = (await readWorkbook(xlsx.body as Buffer)).get('Hồ sơ thanh tra')!;
    expect(
      sheet
        .filter((r) => r[1] === unit)
        .map((r) => r[3])
        .sort(),
    ).toEqual(['Mới lập', 'Đã chuyển cơ quan có thẩm quyền']); // statuses by their Vietnamese labels
    // Vietnamese headers, moments as dd/mm/yyyy hh:mm (never ISO)
    expect(sheet.find((r) => r[0] === 'Số hồ sơ')).toEqual(
      expect.arrayContaining(['Thanh tra viên', 'Ngày mở', 'Cập nhật lần cuối', 'Ngày kết thúc']),
    );
    const cells = sheet.flat().filter((v): v is string => typeof v === 'string');
    expect(cells.filter((v) => /\d{4}-\d{2}-\d{2}/.test(v))).toEqual([]);
    expect(sheet.find((r) => r[1] === unit)![9]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it('never loses a change when two arrive at once: the second is refused with CASE_CHANGED or applied after', async () => {
    await em().transactional((tx) =>
      flags.applyEvaluation(tx, {
        unitCode: 'CC0001A',
        officeCode: '06703',
        asOf: '2026-04-30',
        flags: [result('REPEAT_LATE', 'low', 1)],
        monthsOfDebtMilli: 0,
      }),
    );
    const flag = await em().findOneOrFail(Flag, { unitCode: 'CC0001A' });
    const id = (
      await http()
        .post('/api/cases')
        .send({ flagIds: [flag.id] })
        .expect(201)
    ).body.id as number;
    const dates = ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04'];
    const results = await Promise.all(
      dates.map((date) =>
        http().post(`/api/cases/${id}/transitions`).send({ to: 'reminded', date }),
      ),
    );
    const ok = results.filter((r) => r.status === 200).length;
    for (const r of results) if (r.status !== 200) expect(r.body.error.code).toBe('CASE_CHANGED');
    expect(ok).toBeGreaterThanOrEqual(1);
    const detail = await http().get(`/api/cases/${id}`).expect(200);
    expect(detail.body.reminders).toBe(ok);
    expect(detail.body.timeline.filter((e: { to: string }) => e.to === 'reminded')).toHaveLength(
      ok,
    );
  });

  it('lists flags by risk with keyset pages and filters, and exports them as the inspection plan', async () => {
    const tx = em();
    await tx.nativeDelete(Flag, {});
    const codes = ['PROLONGED_ARREARS', 'REPEAT_LATE', 'EVASION_SUSPECTED'] as const;
    const seeded: Flag[] = [];
    for (let i = 0; i < 30; i++) {
      const unitCode = `RK${String(i % 10).padStart(4, '0')}X`; // (unit, code) distinct for i < 30
      const risk = [5_000_000, 1_000_000, 1_000_000, 0][i % 4]!;
      seeded.push(
        tx.create(Flag, {
          unitCode,
          officeCode: i % 3 === 0 ? '06701' : '06703',
          code: codes[i % 3]!,
          severity: i % 2 ? 'low' : 'high',
          status: i === 29 ? 'condition-cleared' : 'open',
          riskScore: risk,
          monthsOfDebtMilli: ((i * 7) % 5) * 1000,
          evidence: { i },
          raisedOn: '2026-04-30',
          raisedAt: new Date(),
          evaluatedOn: '2026-04-30',
          updatedAt: new Date(),
        }),
      );
    }
    await tx.flush();
    const expected = seeded
      .filter((f) => f.status === 'open')
      .sort((a, b) => compareByRisk(a, b) || a.id - b.id)
      .map((f) => f.id);
    const got: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await http()
        .get('/api/flags')
        .query({ limit: 7, ...(cursor ? { cursor } : {}) })
        .expect(200);
      got.push(...res.body.items.map((f: { id: number }) => f.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(got).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7));

    const office = await http()
      .get('/api/flags?office=06701&code=PROLONGED_ARREARS&limit=200')
      .expect(200);
    expect(office.body.items.map((f: { id: number }) => f.id)).toEqual(
      expected.filter(
        (id) =>
          seeded.find((f) => f.id === id)!.officeCode === '06701' &&
          seeded.find((f) => f.id === id)!.code === 'PROLONGED_ARREARS',
      ),
    );
    expect(office.body.items[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        unitCode: expect.any(String),
        code: 'PROLONGED_ARREARS',
        severity: expect.any(String),
        status: 'open',
        riskScore: expect.any(Number),
        evidence: expect.any(Object),
        raisedAt: expect.any(String),
        updatedAt: expect.any(String),
      }),
    );
    // the list reads raw rows: same values as the entity the detail hydrates
    const one = await http().get(`/api/flags/${office.body.items[0].id}`).expect(200);
    expect(office.body.items[0]).toEqual(
      Object.fromEntries(Object.keys(office.body.items[0]).map((k) => [k, one.body[k]])),
    );
    const cleared = await http().get('/api/flags?status=condition-cleared').expect(200);
    expect(cleared.body.items).toHaveLength(1);
    expect((await http().get('/api/flags?cursor=nonsense').expect(400)).body.error.code).toBe(
      'FLAG_CURSOR_INVALID',
    );
    expect((await http().get('/api/flags?limit=500').expect(400)).body.error.code).toBe(
      'BAD_REQUEST',
    );

    const closedOk = await http().post(`/api/flags/${cleared.body.items[0].id}/close`).expect(200);
    expect(closedOk.body.status).toBe('closed');
    expect((await http().post(`/api/flags/${expected[0]}/close`).expect(409)).body.error.code).toBe(
      'FLAG_NOT_CLOSABLE',
    );

    const xlsx = await http().get('/api/flags.xlsx').buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const rows = (await readWorkbook(xlsx.body as Buffer)).get('Kế hoạch thanh tra')!;
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows.slice(header + 1).map((r) => r[0])).toEqual(expected.map((_, i) => i + 1));
  });

  it('shows one flag with the employer months-of-debt history and receipts', async () => {
    const tx = em();
    tx.create(Employer, {
      unitCode: 'HD0001A',
      name: '=cmd Công ty Mẫu',
      officeCode: '06703',
      region: 'I',
      cycle: 'monthly',
      oaRateBp: 50,
      status: 'active',
    });
    for (const [day, m] of [
      ['2026-03-31', 2500],
      ['2026-04-30', 3500],
    ] as const) {
      tx.create(EmployerSnapshot, {
        day,
        unitCode: 'HD0001A',
        officeCode: '06703',
        provinceCode: '67',
        overduePrincipal: m * 10_000,
        principalOutstanding: m * 10_000,
        chargesUnpaid: 0,
        credit: 0,
        monthsOfDebtMilli: m,
        debtClass: 'overdue',
        hardToCollect: false,
        ageing: {},
        ytdReceivable: 0,
        computedAt: new Date(),
      });
    }
    tx.create(Receipt, {
      valueDate: '2026-04-02',
      amount: 5_000_000,
      memo: 'BHXH HD0001A',
      bankRef: 'HD-R1',
      status: 'matched',
      unitCode: 'HD0001A',
      method: 'unit-code',
      confidenceMilli: 1000,
      batchId: 'b',
    });
    await tx.flush();
    await em().transactional((e) =>
      flags.applyEvaluation(e, {
        unitCode: 'HD0001A',
        officeCode: '06703',
        asOf: '2026-04-30',
        flags: [result('PROLONGED_ARREARS', 'medium', 46_666_667, { monthsOfDebt: 3.5 })],
        monthsOfDebtMilli: 3500,
      }),
    );
    const flag = await em().findOneOrFail(Flag, { unitCode: 'HD0001A' });
    const res = await http().get(`/api/flags/${flag.id}`).expect(200);
    expect(res.body).toMatchObject({
      id: flag.id,
      unitCode: 'HD0001A',
      code: 'PROLONGED_ARREARS',
      evidence: { monthsOfDebt: 3.5 },
      employer: { name: '=cmd Công ty Mẫu' },
      history: [
        { day: '2026-03-31', monthsOfDebtMilli: 2500, overduePrincipal: 25_000_000 },
        { day: '2026-04-30', monthsOfDebtMilli: 3500, overduePrincipal: 35_000_000 },
      ],
      receipts: [{ valueDate: '2026-04-02', amount: 5_000_000, bankRef: 'HD-R1' }],
    });
    expect((await http().get('/api/flags/999999').expect(404)).body.error.code).toBe('NOT_FOUND');
  });

  it('writes the C05-TS minutes workbook from the ledger', async () => {
    const tx = em();
    tx.create(Employer, {
      unitCode: 'MN0001A',
      name: 'Công ty Biên Bản',
      officeCode: '06703',
      region: 'I',
      cycle: 'monthly',
      oaRateBp: 50,
      status: 'active',
    });
    for (const period of periodRange('2025-07', '2025-12')) {
      tx.create(ReceivableLine, {
        unitCode: 'MN0001A',
        period,
        fund: 'SI_RETIRE',
        amount: 8_000_000,
        reason: '',
        batchId: 'b',
      });
      tx.create(ReceivableLine, {
        unitCode: 'MN0001A',
        period,
        fund: 'HI',
        amount: 2_000_000,
        reason: '',
        batchId: 'b',
      });
    }
    tx.create(Receipt, {
      valueDate: '2025-08-20',
      amount: 10_000_000,
      memo: 'MN0001A',
      bankRef: 'MN-R1',
      status: 'matched',
      unitCode: 'MN0001A',
      method: 'unit-code',
      confidenceMilli: 1000,
      batchId: 'b',
    });
    tx.create(Receipt, {
      valueDate: '2025-08-21',
      amount: 99_000_000,
      memo: 'suspense',
      bankRef: 'MN-R2',
      status: 'unmatched',
      confidenceMilli: 1000,
      batchId: 'b',
    });
    await tx.flush();
    const res = await http()
      .get('/api/employers/MN0001A/minutes.xlsx?from=2025-07-01&to=2025-12-31')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const sheet = (await readWorkbook(res.body as Buffer)).get('C05-TS')!;
    const value = (no: string) => sheet.find((r) => r[0] === no)?.[2];
    expect(sheet[1]![1]).toBe('Đơn vị: Công ty Biên Bản');
    expect(sheet[3]![1]).toBe('Từ ngày 01/07/2025 đến ngày 31/12/2025');
    expect(sheet.find((r) => r[0] === '2')![1]).toBe('Quỹ tiền lương'); // no English glosses
    expect(value('3.1')).toBe(60_000_000);
    expect(value('3.3')).toBe(0);
    expect(value('4')).toBe(10_000_000);
    // nothing before July: still owed = arising + charges − paid, and every charge is still owed
    expect(value('5')).toBe(60_000_000 + (value('3.5') as number) - 10_000_000);
    expect(value('5.1')).toBe(value('3.5'));
    expect(value('3.5')).toBeGreaterThan(0);
    expect((await http().get('/api/employers/NOPE/minutes.xlsx').expect(404)).body.error.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (
        await http()
          .get('/api/employers/MN0001A/minutes.xlsx?from=2025-12-31&to=2025-01-01')
          .expect(422)
      ).body.error.code,
    ).toBe('MINUTES_RANGE_INVALID');
  });

  it('stores flag thresholds as a validated policy', async () => {
    const before = await http().get('/api/policies').expect(200);
    expect(before.body.items).toEqual([
      expect.objectContaining({
        key: 'flagThresholds',
        isDefault: true,
        value: expect.objectContaining({ prolongedMonthsMilli: 3000 }),
      }),
    ]);
    const bad = await http()
      .put('/api/policies/flagThresholds')
      .send({ prolongedMonthsMilli: 7000, windowMonths: 0, extra: 1 })
      .expect(422);
    expect(bad.body.error.code).toBe('POLICY_INVALID');
    expect(bad.body.error.details.issues.length).toBeGreaterThanOrEqual(2);
    expect((await http().put('/api/policies/nope').send({}).expect(404)).body.error.code).toBe(
      'POLICY_UNKNOWN',
    );
    await http()
      .put('/api/policies/flagThresholds')
      .send({ prolongedMonthsMilli: 2000 })
      .expect(200);
    // the change is in the audit trail (a refused one is not), and so is the case work of this suite
    const audit = async (action: string) =>
      (await http().get(`/api/audit?action=${action}&limit=500`).expect(200)).body.items;
    expect(await audit('policy.update')).toHaveLength(1);
    expect((await audit('case.transition')).length).toBeGreaterThan(0);
    expect((await audit('case.open')).length).toBeGreaterThan(0);
    const th = await flags.thresholds(em());
    expect(th).toMatchObject({ prolongedMonthsMilli: 2000, prolongedHighMonthsMilli: 6000 });
    const ledger = computeLedger(
      lateEmployer('TH0001A'),
      '2025-11-15',
      { flagThresholds: th },
      ref,
    );
    expect(ledger.flags.map((f) => f.code)).toContain('PROLONGED_ARREARS');
  });
});
