import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Statistic, Table, Tag, Tooltip } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { EChart } from '../components/EChart.js';
import { DateField, ErrorAlert, PageTitle, QueryView, Section } from '../components/common.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { api, ApiError, asPage } from '../lib/api.js';
import {
  formatDate,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatMonthsOneDecimal,
  formatPercent,
  formatPeriod,
} from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { Link, setQuery, useRoute } from '../lib/router.js';
import { DebtClassTag, type Employer } from './EmployersPage.js';

export interface LedgerPeriod {
  period: string;
  dueDate: string | null;
  receivable: number;
  declared: number | null;
  paid: number;
  balance: number;
  daysLate: number;
  charge: number;
  /** unpaid principal due before D / not yet due at D (they add up to `balance`) */
  overdue?: number;
  notYetDue?: number;
  /** part of `receivable` that is a C12 opening balance line */
  opening?: number;
  /** the C12 month whose opening balance carries this period, or null */
  carriedInto?: string | null;
  chargeCaused?: number;
  chargeAccrued?: number;
  chargeEvents?: { bookedOn: string; bankRef: string | null; amount: number; causingPeriod: string }[];
}

export interface Allocation {
  period: string;
  fund: string;
  kind: 'principal' | 'charge';
  amount: number;
}

export interface LedgerPayment {
  valueDate: string;
  bankRef: string | null;
  amount: number;
  superseded?: boolean;
  allocations: Allocation[];
  /** what was left over after every period and charge due, kept as credit */
  toCredit?: number;
  /** late charges booked at this payment's event, before it was allocated (§6) */
  chargesBooked?: number;
  /** the C12 month whose opening balance counts this (superseded) payment */
  carriedInto?: string | null;
}

/** A numerator over a denominator, and the percent (null when the denominator is 0). */
export interface Share {
  numerator: number;
  denominator: number;
  percent: number | null;
}

/** One day of the employer's reconciled history (the flag detail's `history`). */
export interface HistoryPoint {
  day: string;
  monthsOfDebtMilli: number;
  overduePrincipal: number;
}

/** The months-of-debt chart's points of a flag detail's history. */
export function historyPoints(history: HistoryPoint[] | undefined): { label: string; value: number }[] {
  return (history ?? []).map((h) => ({ label: formatDate(h.day), value: h.monthsOfDebtMilli / 1000 }));
}

export type Ageing = { lt1: number; m1to3: number; m3to6: number; m6to12: number; ge12: number };
export const AGE_KEYS = ['lt1', 'm1to3', 'm3to6', 'm6to12', 'ge12'] as const;

export interface Ledger {
  unitCode: string;
  asOf: string;
  periods: LedgerPeriod[];
  payments: LedgerPayment[];
  totals: {
    receivable: number;
    paid: number;
    principalOutstanding: number;
    overduePrincipal: number;
    chargesBooked: number;
    chargesUnpaid: number;
    credit: number;
    notYetDuePrincipal?: number;
  };
  monthsOfDebt: number;
  debtClass: string | null;
  ageing: Ageing;
  onTimeShare: Share | null;
  hardToCollect?: boolean;
  flags?: { code: string; severity?: string }[];
  /** Late charges not booked: their reference value (a k, the daily rate) is not entered yet (§6). */
  rateMissing?: { kind: string; on: string; tag: string }[];
  missingReference?: ({ kind: 'old-regime-k'; key: string; year: number } | { kind: 'daily-charge-rate'; key: string; date: string })[];
}

/** C12-TS fund order (the API's fund tags), then anything else as it comes. */
const FUNDS = ['SI_SICK', 'SI_RETIRE', 'SI_OA', 'HI', 'UI', 'OPENING', 'SI'];

/** A payment's split as on C12-TS section D: D.1 contributions and D.2 charges, per fund. */
export function AllocationTable({ payment }: { payment: LedgerPayment }) {
  const { t, te } = useI18n();
  const funds = [...new Set([...FUNDS.filter((f) => payment.allocations.some((a) => a.fund === f)), ...payment.allocations.map((a) => a.fund)])];
  const sum = (fund: string, kind: Allocation['kind']) =>
    payment.allocations.filter((a) => a.fund === fund && a.kind === kind).reduce((s, a) => s + a.amount, 0);
  const rows = funds.map((f) => ({ key: f, fund: te('fund', f), d1: sum(f, 'principal'), d2: sum(f, 'charge') }));
  const total = rows.reduce((s, r) => ({ d1: s.d1 + r.d1, d2: s.d2 + r.d2 }), { d1: 0, d2: 0 });
  return (
    <>
      <Table
        size="small"
        pagination={false}
        dataSource={[...rows, { key: '_total', fund: t('total'), ...total }]}
        columns={[
          { title: t('fund'), dataIndex: 'fund' },
          { title: t('d1'), dataIndex: 'd1', className: 'num', render: (v: number) => formatMoney(v) },
          { title: t('d2'), dataIndex: 'd2', className: 'num', render: (v: number) => formatMoney(v) },
        ]}
      />
      <h3 style={{ fontSize: 15, marginTop: 16 }}>{t('periods')}</h3>
      <Table
        size="small"
        pagination={false}
        rowKey={(a) => `${a.period}-${a.fund}-${a.kind}`}
        dataSource={payment.allocations}
        columns={[
          { title: t('period'), dataIndex: 'period', render: (v: string) => formatPeriod(v) },
          { title: t('fund'), dataIndex: 'fund', render: (v: string) => te('fund', v) },
          { title: t('allocation'), dataIndex: 'kind', render: (v: string) => (v === 'charge' ? t('d2') : t('d1')) },
          { title: t('amount'), dataIndex: 'amount', className: 'num', render: (v: number) => formatMoney(v) },
        ]}
      />
    </>
  );
}

export function DebtHistoryChart({ points }: { points: { label: string; value: number }[] }) {
  const { t } = useI18n();
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => p.label) },
      yAxis: { type: 'value', name: t('monthsOfDebt'), axisLabel: { formatter: (v: number) => formatDecimal(v) } },
      series: [{ type: 'line', name: t('monthsOfDebt'), data: points.map((p) => p.value), step: 'end' }],
    }),
    [points, t],
  );
  if (!points.length) return <p>{t('debtOverTimeEmpty')}</p>;
  return <EChart option={option} label={`${t('debtOverTime')}: ${points.map((p) => `${p.label} ${formatDecimal(p.value)}`).join('; ')}`} />;
}

/**
 * A wide table's scrolling box reachable by keyboard (axe: scrollable-region-focusable): the periods
 * table has more columns than a narrow screen holds.
 */
function KeyboardScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const el of ref.current?.querySelectorAll<HTMLElement>('.ant-table-content') ?? []) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    }
  });
  return <div ref={ref}>{children}</div>;
}

/** The charges booked in a month, each traced to the payment event that booked it (a tooltip). */
function ChargeCell({ value, period }: { value: number; period: LedgerPeriod }) {
  const { t } = useI18n();
  const events = period.chargeEvents ?? [];
  const lines = events.map((e) =>
    e.bankRef
      ? t('chargeBookedAt', { date: formatDate(e.bookedOn), ref: e.bankRef, amount: formatMoney(e.amount) })
      : t('chargeBookedFirst', { date: formatDate(e.bookedOn), amount: formatMoney(e.amount) }),
  );
  if (period.chargeCaused || period.chargeAccrued)
    lines.push(t('chargeCausedTip', { booked: formatMoney(period.chargeCaused ?? 0), accrued: formatMoney(period.chargeAccrued ?? 0) }));
  if (!lines.length) return <>{formatMoney(value)}</>;
  return (
    <Tooltip title={lines.map((l, i) => <div key={i}>{l}</div>)}>
      <span tabIndex={0} className="has-tip">
        {formatMoney(value)}
        <span className="visually-hidden">. {lines.join('. ')}</span>
      </span>
    </Tooltip>
  );
}

export function EmployerPage({ code }: { code: string }) {
  const { t, te } = useI18n();
  const { query } = useRoute();
  const asOf = query.get('asOf') ?? '';
  const [asOfInput, setAsOfInput] = useState(asOf);
  const [shown, setShown] = useState<LedgerPayment | null>(null);
  const enc = encodeURIComponent(code);
  const employer = useQuery({ queryKey: ['employer', code], queryFn: () => api<Employer>(`/api/employers/${enc}`) });
  // an employer the API does not know (or hides: another office) is said once, with the way back
  const missing = employer.error instanceof ApiError && employer.error.status === 404;
  const ledger = useQuery({
    queryKey: ['ledger', code, asOf],
    queryFn: () => api<Ledger>(`/api/employers/${enc}/ledger`, { query: { asOf } }),
    enabled: !missing,
  });
  // months of debt over time: the reconciled history the employer's latest flag detail carries
  const flag = useQuery({
    queryKey: ['flags', 'of', code],
    queryFn: async () => {
      const [first] = asPage<{ id: number }>(await api('/api/flags', { query: { unit: code, status: 'open', limit: 1 } })).items;
      return first ? api<{ history?: HistoryPoint[] }>(`/api/flags/${first.id}`) : null;
    },
    enabled: ledger.isSuccess,
  });
  const points = historyPoints(flag.data?.history ?? undefined);

  if (missing)
    return (
      <>
        <PageTitle>{t('ledgerTitle', { unit: code })}</PageTitle>
        <ErrorAlert error={employer.error} extra={<Link href="/employers">{t('backToEmployers')}</Link>} />
      </>
    );

  return (
    <>
      <PageTitle
        extra={
          <>
            <DownloadLink href={`/api/employers/${enc}/ledger.xlsx${asOf ? `?asOf=${asOf}` : ''}`} fileName={`ledger-${code}.xlsx`} button>
              {t('ledgerXlsx')}
            </DownloadLink>{' '}
            <DownloadLink href={`/api/employers/${enc}/notice.pdf`} fileName={`C12-TS-${code}.pdf`} button>
              {t('noticePdf')}
            </DownloadLink>{' '}
            <DownloadLink href={`/api/employers/${enc}/notice.xlsx`} fileName={`C12-TS-${code}.xlsx`}>
              {t('noticeXlsx')}
            </DownloadLink>
          </>
        }
      >
        {t('ledgerTitle', { unit: employer.data ? `${code} — ${employer.data.name}` : code })}
      </PageTitle>
      {employer.error ? <ErrorAlert error={employer.error} /> : null}
      {employer.data ? (
        <Section title={t('details')}>
          <dl className="kv">
            <dt>{t('taxCode')}</dt>
            <dd>{employer.data.taxCode ?? '—'}</dd>
            <dt>{t('office')}</dt>
            <dd>{employer.data.officeCode}</dd>
            <dt>{t('region')}</dt>
            <dd>{employer.data.region ?? '—'}</dd>
            <dt>{t('cycle')}</dt>
            <dd>{te('cycle', employer.data.cycle)}</dd>
            <dt>{t('status')}</dt>
            <dd>{te('employerStatus', employer.data.status)}</dd>
          </dl>
        </Section>
      ) : null}
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ asOf: asOfInput });
        }}
      >
        <DateField id="ledger-asof" label={t('asOf')} value={asOfInput} onChange={setAsOfInput} />
        <Button htmlType="submit">{t('apply')}</Button>
      </form>
      <QueryView query={ledger}>
        {(l) => (
          <>
            <Section title={`${t('asOf')} ${formatDate(l.asOf)}`}>
              <div className="stats">
                <Statistic title={t('overduePrincipal')} value={formatMoney(l.totals.overduePrincipal)} />
                {l.totals.notYetDuePrincipal !== undefined ? (
                  <Statistic title={t('notYetDuePrincipal')} value={formatMoney(l.totals.notYetDuePrincipal)} />
                ) : null}
                <Statistic title={t('chargesUnpaid')} value={formatMoney(l.totals.chargesUnpaid)} />
                <Statistic title={t('credit')} value={formatMoney(l.totals.credit)} />
                <Tooltip title={t('monthsExact', { value: formatDecimal(l.monthsOfDebt) })}>
                  <div tabIndex={0} data-testid="months-of-debt" data-exact={l.monthsOfDebt}>
                    <Statistic title={t('monthsOfDebt')} value={formatMonthsOneDecimal(l.monthsOfDebt)} />
                    <span className="visually-hidden">{t('monthsExact', { value: formatDecimal(l.monthsOfDebt) })}</span>
                  </div>
                </Tooltip>
                <Statistic title={t('onTimeShare')} value={l.onTimeShare ? formatPercent(l.onTimeShare.percent) : '—'} />
                <div>
                  <div className="field-help">{t('debtClass')}</div>
                  <DebtClassTag value={l.debtClass} />
                </div>
              </div>
              {l.totals.notYetDuePrincipal !== undefined ? (
                <p className="balance-split" data-testid="balance-split">
                  {t('balanceSplit', {
                    total: formatMoney(l.totals.principalOutstanding),
                    overdue: formatMoney(l.totals.overduePrincipal),
                    notYetDue: formatMoney(l.totals.notYetDuePrincipal),
                  })}
                </p>
              ) : null}
              {l.rateMissing?.length ? (
                <Alert
                  type="warning"
                  showIcon
                  className="rate-missing"
                  title={t('ledgerRateMissing', {
                    n: l.rateMissing.length,
                    what: (l.missingReference ?? [])
                      .map((m) => (m.kind === 'old-regime-k' ? `k_${m.key} ${m.year}` : `${t('refGapDaily')} ${formatDate(m.date)}`))
                      .join(', '),
                  })}
                />
              ) : null}
            </Section>
            <Section title={t('periods')}>
              <Alert type="info" showIcon className="charge-note" title={t('chargeNote')} style={{ marginBottom: 12 }} />
              <KeyboardScroll label={t('periods')}>
              <Table<LedgerPeriod>
                size="small"
                rowKey="period"
                dataSource={l.periods}
                pagination={false}
                scroll={{ x: true }}
                columns={[
                  {
                    title: t('period'),
                    dataIndex: 'period',
                    render: (v: string, p) => (
                      <>
                        {formatPeriod(v)}
                        {p.carriedInto ? (
                          <div>
                            <Tooltip title={p.opening ? undefined : t('carriedInOpeningHelp', { period: formatPeriod(p.carriedInto) })}>
                              <Tag className="opening-tag" tabIndex={0}>
                                {t(p.opening ? 'openingFrom' : 'carriedInOpening', { period: formatPeriod(p.carriedInto) })}
                              </Tag>
                            </Tooltip>
                          </div>
                        ) : null}
                      </>
                    ),
                  },
                  { title: t('dueDate'), dataIndex: 'dueDate', render: (v: string) => formatDate(v) },
                  { title: t('receivable'), dataIndex: 'receivable', className: 'num', render: (v: number, p) => (p.carriedInto && !p.opening ? '—' : formatMoney(v)) },
                  { title: t('declared'), dataIndex: 'declared', className: 'num', render: (v: number) => formatMoney(v) },
                  { title: t('paid'), dataIndex: 'paid', className: 'num', render: (v: number, p) => (p.carriedInto && !p.opening ? '—' : formatMoney(v)) },
                  { title: t('balance'), dataIndex: 'balance', className: 'num', render: (v: number) => formatMoney(v) },
                  { title: t('overdueCol'), dataIndex: 'overdue', className: 'num', render: (v: number | undefined) => formatMoney(v ?? null) },
                  { title: t('notYetDueCol'), dataIndex: 'notYetDue', className: 'num', render: (v: number | undefined) => formatMoney(v ?? null) },
                  { title: t('daysLate'), dataIndex: 'daysLate', className: 'num', render: (v: number) => formatInteger(v) },
                  {
                    title: t('chargeBookedInMonth'),
                    dataIndex: 'charge',
                    className: 'num',
                    render: (v: number, p) => <ChargeCell value={v} period={p} />,
                  },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <strong>{t('total')}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} className="num">
                      {formatMoney(l.totals.receivable)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} />
                    <Table.Summary.Cell index={4} className="num">
                      {formatMoney(l.totals.paid)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} className="num">
                      {formatMoney(l.totals.principalOutstanding)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={6} className="num">
                      {formatMoney(l.totals.overduePrincipal)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={7} className="num">
                      {l.totals.notYetDuePrincipal !== undefined ? formatMoney(l.totals.notYetDuePrincipal) : ''}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={8} />
                    <Table.Summary.Cell index={9} className="num">
                      {formatMoney(l.totals.chargesBooked)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
              </KeyboardScroll>
            </Section>
            <Section title={t('payments')}>
              <KeyboardScroll label={t('payments')}>
              <Table<LedgerPayment>
                size="small"
                rowKey={(p) => `${p.valueDate}-${p.bankRef}-${p.amount}-${p.superseded ? 's' : ''}`}
                dataSource={l.payments}
                pagination={false}
                columns={[
                  { title: t('valueDate'), dataIndex: 'valueDate', render: (v: string) => formatDate(v) },
                  { title: t('bankRef'), dataIndex: 'bankRef' },
                  { title: t('amount'), dataIndex: 'amount', className: 'num', render: (v: number) => formatMoney(v) },
                  { title: t('credit'), dataIndex: 'toCredit', className: 'num', render: (v: number | undefined) => formatMoney(v ?? 0) },
                  { title: t('chargesBookedHere'), dataIndex: 'chargesBooked', className: 'num', render: (v: number | undefined) => formatMoney(v ?? 0) },
                  {
                    title: t('allocation'),
                    key: 'alloc',
                    render: (_: unknown, p) =>
                      p.carriedInto ? (
                        <span className="field-help">{t('carriedInOpening', { period: formatPeriod(p.carriedInto) })}</span>
                      ) : (
                        <Button size="small" onClick={() => setShown(p)} aria-label={`${t('showAllocation')} ${p.bankRef ?? formatDate(p.valueDate)}`}>
                          {t('showAllocation')}
                        </Button>
                      ),
                  },
                ]}
              />
              </KeyboardScroll>
            </Section>
            <Section title={t('ageing')}>
              <dl className="kv">
                {AGE_KEYS.map((k) => (
                  <div key={k} style={{ display: 'contents' }}>
                    <dt>{t(`age_${k}`)}</dt>
                    <dd className="num" style={{ textAlign: 'left' }}>
                      {formatMoney(l.ageing?.[k])}
                    </dd>
                  </div>
                ))}
              </dl>
            </Section>
            <Section title={t('debtOverTime')}>
              <DebtHistoryChart points={points} />
            </Section>
          </>
        )}
      </QueryView>
      <Modal
        open={!!shown}
        onCancel={() => setShown(null)}
        footer={null}
        width={720}
        title={shown ? t('allocationTitle', { ref: shown.bankRef ?? '—', date: formatDate(shown.valueDate) }) : ''}
      >
        {shown ? <AllocationTable payment={shown} /> : null}
      </Modal>
    </>
  );
}
