import { useQuery } from '@tanstack/react-query';
import { Button, Statistic, Table } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { EChart } from '../components/EChart.js';
import { DateField, Field, PageTitle, QueryView, Section, SelectField } from '../components/common.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { api, asPage, withQuery } from '../lib/api.js';
import { formatDate, formatDateTime, formatDecimal, formatInteger, formatMoney, formatPercent } from '../lib/format.js';
import { useAuth } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { Link, setQuery, useRoute } from '../lib/router.js';
import { AGE_KEYS, type Ageing } from './EmployerPage.js';
import { DebtClassTag, OfficeSelect, useOffices } from './EmployersPage.js';
import { NoticesSection, RatioSeriesSection, RemindersSection } from './PaperworkSections.js';

export interface ArrearsItem {
  unitCode: string;
  officeCode: string;
  overduePrincipal: number;
  chargesUnpaid: number;
  monthsOfDebt: number;
  ageing: Ageing;
  debtClass: string | null;
}

/** `GET /api/arrears`: a page of employers in arrears and the totals of every page. */
interface Arrears {
  asOf: string;
  office: string | null;
  totals: { overduePrincipal: number; chargesUnpaid: number; employers: number; ageing: Ageing };
  items: ArrearsItem[];
  nextCursor: string | null;
}

interface RatioPart {
  numerator: number;
  denominator: number;
  percent: number | null;
}

export interface Ratio {
  scope: string;
  code: string | null;
  year: number;
  asOf: string;
  employers: number;
  all: RatioPart;
  withoutHardToCollect: RatioPart;
}

export interface Run {
  id: string;
  day: string;
  status: 'running' | 'completed' | 'failed';
  trigger?: string;
  startedAt: string;
  finishedAt?: string | null;
  employers?: number;
  [k: string]: unknown;
}

const SCOPES = ['all', 'province', 'office', 'employer'] as const;

function ArrearsSection({ office, asOf }: { office: string; asOf: string }) {
  const { t } = useI18n();
  const scopeLabel = office ? t('officeNamed', { code: office }) : t('wholeSystem');
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack[stack.length - 1];
  const list = useQuery({
    queryKey: ['arrears', office, asOf, cursor],
    queryFn: () => api<Arrears>('/api/arrears', { query: { office, asOf, cursor, limit: 100 } }),
  });
  // the totals of every page (the API sums them), not of the page shown
  const buckets = useMemo(() => {
    const sum = Object.fromEntries(AGE_KEYS.map((k) => [k, 0])) as Record<(typeof AGE_KEYS)[number], number>;
    for (const k of AGE_KEYS) sum[k] = list.data?.totals.ageing?.[k] ?? 0;
    return sum;
  }, [list.data]);
  const option = useMemo(
    () => ({
      grid: { left: 110, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(v) },
      xAxis: { type: 'category', data: AGE_KEYS.map((k) => t(`age_${k}`)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatInteger(v) } },
      series: [{ type: 'bar', name: t('overduePrincipal'), data: AGE_KEYS.map((k) => buckets[k]), itemStyle: { color: '#1565c0' } }],
    }),
    [buckets, t],
  );
  return (
    <Section
      title={t('arrearsOf', { scope: scopeLabel })}
      extra={
        <DownloadLink href={withQuery('/api/arrears.xlsx', { office, asOf })} fileName="arrears.xlsx" button>
          {t('arrearsXlsx')}
        </DownloadLink>
      }
    >
      <QueryView query={list}>
        {(page) => (
          <>
            <div className="stats">
              <Statistic title={t('asOf')} value={formatDate(page.asOf)} />
              <Statistic title={t('overdueOf', { scope: scopeLabel })} value={formatMoney(page.totals.overduePrincipal)} />
              <Statistic title={t('chargesUnpaid')} value={formatMoney(page.totals.chargesUnpaid)} />
              <Statistic title={t('runEmployers')} value={formatInteger(page.totals.employers)} />
            </div>
            <h3 style={{ fontSize: 15 }}>{t('ageing')}</h3>
            <Table
              size="small"
              pagination={false}
              rowKey="k"
              dataSource={AGE_KEYS.map((k) => ({ k, label: t(`age_${k}`), amount: buckets[k] }))}
              columns={[
                { title: t('ageing'), dataIndex: 'label' },
                { title: t('overduePrincipal'), dataIndex: 'amount', className: 'num', render: (v: number) => formatMoney(v) },
              ]}
            />
            <EChart option={option} label={`${t('ageing')}: ${AGE_KEYS.map((k) => `${t(`age_${k}`)} ${formatMoney(buckets[k])}`).join('; ')}`} />
            <Table<ArrearsItem>
              size="small"
              rowKey="unitCode"
              pagination={false}
              dataSource={page.items}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('unitCode'), dataIndex: 'unitCode', fixed: 'start', className: 'nowrap', render: (v: string) => <Link href={`/employers/${encodeURIComponent(v)}`}>{v}</Link> },
                { title: t('debtClass'), dataIndex: 'debtClass', render: (v: string | null) => <DebtClassTag value={v} /> },
                { title: t('overduePrincipal'), dataIndex: 'overduePrincipal', className: 'num', render: (v: number) => formatMoney(v) },
                { title: t('chargesUnpaid'), dataIndex: 'chargesUnpaid', className: 'num', render: (v: number) => formatMoney(v) },
                { title: t('monthsOfDebt'), dataIndex: 'monthsOfDebt', className: 'num', render: (v: number) => formatDecimal(v) },
                ...AGE_KEYS.map((k) => ({
                  title: t(`age_${k}`),
                  key: k,
                  className: 'num',
                  render: (_: unknown, r: ArrearsItem) => formatMoney(r.ageing?.[k]),
                })),
                { title: t('office'), dataIndex: 'officeCode' },
              ]}
            />
            {page.nextCursor || stack.length ? (
              <div style={{ marginTop: 12 }}>
                <Button disabled={!stack.length} onClick={() => setStack(stack.slice(0, -1))}>
                  {t('previous')}
                </Button>{' '}
                <Button disabled={!page.nextCursor} onClick={() => page.nextCursor && setStack([...stack, page.nextCursor])}>
                  {t('next')}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </QueryView>
    </Section>
  );
}

function RatiosSection({ office, asOf }: { office: string; asOf: string }) {
  const { t, te } = useI18n();
  const [scope, setScope] = useState<(typeof SCOPES)[number]>(office ? 'office' : 'all');
  const [code, setCode] = useState(office);
  const [year, setYear] = useState('');
  const ratio = useQuery({
    queryKey: ['ratios', scope, code, year, asOf],
    queryFn: () => api<Ratio>('/api/ratios', { query: { scope, code: scope === 'all' ? '' : code, year, asOf } }),
  });
  return (
    <Section title={t('ratiosOf', { scope: scope === 'all' ? t('wholeSystem') : `${te('scope', scope)} ${code}` })}>
      <div className="form-row">
        <SelectField
          id="ratio-scope"
          label={t('ratioScope')}
          value={scope}
          onChange={(e) => setScope(e.target.value as (typeof SCOPES)[number])}
          options={SCOPES.map((s) => ({ value: s, label: te('scope', s) }))}
        />
        {scope !== 'all' ? (
          <Field id="ratio-code" label={t('scopeCode')}>
            <input id="ratio-code" value={code} onChange={(e) => setCode(e.target.value.trim())} />
          </Field>
        ) : null}
        <Field id="ratio-year" label={t('year')}>
          <input id="ratio-year" inputMode="numeric" placeholder="YYYY" value={year} onChange={(e) => setYear(e.target.value.replace(/\D/g, '').slice(0, 4))} />
        </Field>
      </div>
      <QueryView query={ratio}>
        {(r) => (
          <Table
            size="small"
            pagination={false}
            rowKey="k"
            caption={`${te('scope', r.scope)} ${r.code ?? ''} · ${t('year')} ${r.year} · ${t('asOf')} ${formatDate(r.asOf)} · ${t('runEmployers')} ${formatInteger(r.employers)}`}
            dataSource={[
              { k: 'all', label: t('ratioAll'), ...r.all },
              { k: 'without', label: t('ratioWithoutHard'), ...r.withoutHardToCollect },
            ]}
            columns={[
              { title: t('ratioScope'), dataIndex: 'label' },
              { title: t('numerator'), dataIndex: 'numerator', className: 'num', render: (v: number) => formatMoney(v) },
              { title: t('denominator'), dataIndex: 'denominator', className: 'num', render: (v: number) => formatMoney(v) },
              { title: t('percent'), dataIndex: 'percent', className: 'num', render: (v: number | null) => formatPercent(v) },
            ]}
          />
        )}
      </QueryView>
    </Section>
  );
}

interface RunReportBody {
  reconciled?: number;
  failureCount?: number;
  failures?: { unitCode?: string; error?: string; message?: string }[];
  warningCount?: number;
  flags?: { evaluated?: boolean; latestEvaluatedDay?: string | null; raised?: number; updated?: number; cleared?: number };
  overduePrincipal?: number;
  offices?: Record<string, { employers: number; overduePrincipal: number; chargesUnpaid: number; prolonged: number }>;
  failedReason?: string;
}

/** A run's report (`report` of GET /api/runs): totals, flags, failures and the per-office lines. */
function RunReport({ run }: { run: Run }) {
  const { t } = useI18n();
  const r = run.report as RunReportBody | null | undefined;
  if (!r) return <p>{t('runNoReport')}</p>;
  const offices = Object.entries(r.offices ?? {}).map(([code, o]) => ({ code, ...o }));
  return (
    <div className="run-report">
      <dl className="kv">
        {r.failedReason ? (
          <>
            <dt>{t('runFailedReason')}</dt>
            <dd>{r.failedReason}</dd>
          </>
        ) : null}
        {r.reconciled !== undefined ? (
          <>
            <dt>{t('runReconciled')}</dt>
            <dd>{formatInteger(r.reconciled)}</dd>
          </>
        ) : null}
        {r.overduePrincipal !== undefined ? (
          <>
            <dt>{t('overduePrincipal')}</dt>
            <dd>{formatMoney(r.overduePrincipal)}</dd>
          </>
        ) : null}
        <dt>{t('runFailures')}</dt>
        <dd>{formatInteger(r.failureCount ?? 0)}</dd>
        <dt>{t('runWarnings')}</dt>
        <dd>{formatInteger(r.warningCount ?? 0)}</dd>
        {r.flags ? (
          <>
            <dt>{t('menuFlags')}</dt>
            <dd>
              {r.flags.evaluated === false
                ? t('runFlagsSkipped', { day: r.flags.latestEvaluatedDay ? formatDate(r.flags.latestEvaluatedDay) : '—' })
                : t('runFlags', { raised: r.flags.raised ?? 0, updated: r.flags.updated ?? 0, cleared: r.flags.cleared ?? 0 })}
            </dd>
          </>
        ) : null}
      </dl>
      {offices.length ? (
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={offices}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('office'), dataIndex: 'code' },
            { title: t('runEmployers'), dataIndex: 'employers', className: 'num', render: (v: number) => formatInteger(v) },
            { title: t('overduePrincipal'), dataIndex: 'overduePrincipal', className: 'num', render: (v: number) => formatMoney(v) },
            { title: t('chargesUnpaid'), dataIndex: 'chargesUnpaid', className: 'num', render: (v: number) => formatMoney(v) },
          ]}
        />
      ) : null}
    </div>
  );
}

/** The latest day runs (newest first): the runs table, and the day the page shows when none is asked for. */
function useRuns() {
  return useQuery({ queryKey: ['runs'], queryFn: async () => asPage<Run>(await api('/api/runs', { query: { limit: 20 } })).items });
}

function RunsSection() {
  const { t, te } = useI18n();
  const runs = useRuns();
  return (
    <Section title={t('runs')}>
      <QueryView query={runs}>
        {(items) => (
          <Table<Run>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={items}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (r) => <RunReport run={r} />, columnTitle: t('runReport') }}
            columns={[
              { title: t('asOf'), dataIndex: 'day', render: (v: string) => formatDate(v) },
              { title: t('status'), dataIndex: 'status', render: (v: string) => te('runStatus', v) },
              { title: t('runStartedAt'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
              { title: t('runFinishedAt'), dataIndex: 'finishedAt', render: (v: string) => formatDateTime(v) },
              { title: t('runEmployers'), dataIndex: 'employers', className: 'num', render: (v: number) => formatInteger(v) },
            ]}
          />
        )}
      </QueryView>
    </Section>
  );
}

export function OfficeViewPage() {
  const { t } = useI18n();
  const { query } = useRoute();
  const office = query.get('office') ?? '';
  const asOf = query.get('asOf') ?? '';
  const offices = useOffices();
  const { state } = useAuth();
  // an officer (or inspector) starts on his own office, not the whole system; the choice stays in the URL
  const own = state.status === 'signed-in' && !state.me.allOffices ? (state.me.assignedOffices?.[0] ?? state.me.offices[0]) : undefined;
  const defaulted = useRef(false);
  useEffect(() => {
    if (defaulted.current || !own) return;
    defaulted.current = true;
    if (!office) setQuery({ office: own });
  }, [office, own]);
  const province = offices.data?.find((o) => o.code === office)?.provinceCode ?? '';
  // no day asked for: the office's figures are those of the latest completed day run (today's run
  // happens tonight), said above the sections; with no run at all the API says how to start one
  const runs = useRuns();
  const latestRun = runs.data?.filter((r) => r.status === 'completed').sort((a, b) => (a.day < b.day ? 1 : -1))[0]?.day;
  const shownAsOf = asOf || latestRun || '';
  if (!asOf && runs.isPending) return <PageTitle>{t('officeTitle')}</PageTitle>;
  return (
    <>
      <PageTitle>{t('officeTitle')}</PageTitle>
      <div className="form-row">
        <OfficeSelect id="ov-office" value={office} onChange={(e) => setQuery({ office: e.target.value })} />
        <DateField id="ov-asof" label={t('asOf')} value={asOf} onChange={(v) => setQuery({ asOf: v })} />
      </div>
      {!asOf && latestRun ? (
        <p className="intro" data-testid="latest-run-day">
          {t('latestRunShown', { day: formatDate(latestRun) })}
        </p>
      ) : null}
      <ArrearsSection office={office} asOf={shownAsOf} />
      <RatiosSection key={office} office={office} asOf={shownAsOf} />
      <RatioSeriesSection key={`series-${office}`} office={office} province={province} />
      <NoticesSection key={`notices-${office}`} office={office} />
      <RemindersSection key={`reminders-${office}`} office={office} asOf={shownAsOf} />
      <RunsSection />
    </>
  );
}
