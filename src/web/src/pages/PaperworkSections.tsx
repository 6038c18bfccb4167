import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress, Table } from 'antd';
import { useMemo, useState } from 'react';
import { EChart } from '../components/EChart.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { ErrorAlert, Field, QueryView, Section } from '../components/common.js';
import { api, withQuery } from '../lib/api.js';
import {
  formatDate,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatPercent,
} from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { Link } from '../lib/router.js';
import { DebtClassTag } from './EmployersPage.js';

/** The month before this one, `YYYY-MM` (the notice month officers send at the start of a month). */
export function lastMonth(today = new Date()): string {
  const d = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

interface ReportView {
  id: string;
  status: 'running' | 'done';
  total: number;
  rendered: number;
  failed: number;
  progress: number;
}

/** An office's C12-TS notices for a month: asked for, followed, downloaded as one zip. */
export function NoticesSection({ office }: { office: string }) {
  const { t } = useI18n();
  const [period, setPeriod] = useState(lastMonth());
  const [id, setId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => api<ReportView>('/api/reports/notices', { body: { office, period } }),
    onSuccess: (r) => setId(r.id),
  });
  const report = useQuery({
    queryKey: ['report', id],
    queryFn: () => api<ReportView>(`/api/reports/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'done' ? false : 1000),
  });
  return (
    <Section title={t('paperwork')}>
      {!office ? <Alert type="info" title={t('officeRequired')} /> : null}
      <div className="form-row">
        <Field id="notice-period" label={t('noticePeriod')}>
          <input
            id="notice-period"
            value={period}
            placeholder="YYYY-MM"
            onChange={(e) => setPeriod(e.target.value.trim())}
          />
        </Field>
        <Button
          type="primary"
          disabled={!office}
          loading={start.isPending}
          onClick={() => start.mutate()}
        >
          {t('noticesStart')}
        </Button>
      </div>
      {start.error ? <ErrorAlert error={start.error} /> : null}
      {report.data ? (
        <div>
          <Progress percent={report.data.progress} aria-label={t('paperwork')} />
          <p>
            {t('noticesProgress', {
              done: report.data.rendered,
              total: report.data.total,
              progress: report.data.progress,
              failed: report.data.failed,
            })}
          </p>
          {report.data.status === 'done' ? (
            <DownloadLink
              href={`/api/reports/${report.data.id}.zip`}
              fileName={`C12-TS-${office}-${period}.zip`}
              button
            >
              {t('noticesZip')}
            </DownloadLink>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}

interface ReminderItem {
  unitCode: string;
  name: string;
  overduePrincipal: number;
  chargesUnpaid: number;
  monthsOfDebt: number;
  debtClass: string | null;
}

/** The office's employers in arrears to remind: filters, the letters as one PDF, "mark as sent". */
export function RemindersSection({ office, asOf }: { office: string; asOf: string }) {
  const { t } = useI18n();
  const [minMonths, setMinMonths] = useState('2');
  const [flag, setFlag] = useState('');
  const query = { office, asOf, minMonths, flag };
  const list = useQuery({
    queryKey: ['reminders', office, asOf, minMonths, flag],
    queryFn: () => api<{ day: string; items: ReminderItem[] }>('/api/reminders', { query }),
    enabled: !!office,
  });
  const sent = useMutation({
    mutationFn: (unitCodes: string[]) =>
      api<{ results: unknown[] }>('/api/reminders/sent', {
        body: { unitCodes, date: new Date().toLocaleDateString('en-CA') },
      }),
  });
  if (!office) return null;
  return (
    <Section
      title={t('remindersTitle')}
      extra={
        <DownloadLink
          href={withQuery('/api/reminders/letters.pdf', query)}
          fileName={`reminders-${office}.pdf`}
          button
        >
          {t('remindersPdf')}
        </DownloadLink>
      }
    >
      <div className="form-row">
        <Field id="rem-min" label={t('minMonths')}>
          <input
            id="rem-min"
            inputMode="decimal"
            value={minMonths}
            onChange={(e) => setMinMonths(e.target.value.replace(/[^\d.]/g, ''))}
          />
        </Field>
        <Field id="rem-flag" label={t('flagCode')}>
          <input
            id="rem-flag"
            value={flag}
            placeholder="PROLONGED_ARREARS"
            onChange={(e) => setFlag(e.target.value.trim().toUpperCase())}
          />
        </Field>
      </div>
      <QueryView query={list}>
        {(r) => (
          <>
            <Table<ReminderItem>
              size="small"
              rowKey="unitCode"
              pagination={{ pageSize: 20 }}
              dataSource={r.items}
              caption={`${t('asOf')} ${formatDate(r.day)} · ${formatInteger(r.items.length)}`}
              columns={[
                {
                  title: t('unitCode'),
                  dataIndex: 'unitCode',
                  render: (v: string) => (
                    <Link href={`/employers/${encodeURIComponent(v)}`}>{v}</Link>
                  ),
                },
                { title: t('unitName'), dataIndex: 'name' },
                {
                  title: t('overduePrincipal'),
                  dataIndex: 'overduePrincipal',
                  className: 'num',
                  render: (v: number) => formatMoney(v),
                },
                {
                  title: t('chargesUnpaid'),
                  dataIndex: 'chargesUnpaid',
                  className: 'num',
                  render: (v: number) => formatMoney(v),
                },
                {
                  title: t('monthsOfDebt'),
                  dataIndex: 'monthsOfDebt',
                  className: 'num',
                  render: (v: number) => formatDecimal(v),
                },
                {
                  title: t('debtClass'),
                  dataIndex: 'debtClass',
                  render: (v: string | null) => <DebtClassTag value={v} />,
                },
              ]}
            />
            <Button
              disabled={!r.items.length}
              loading={sent.isPending}
              onClick={() => sent.mutate(r.items.map((i) => i.unitCode))}
            >
              {t('remindersMarkSent')}
            </Button>
            {sent.data ? (
              <Alert type="success" title={t('remindersSent', { n: sent.data.results.length })} />
            ) : null}
            {sent.error ? <ErrorAlert error={sent.error} /> : null}
          </>
        )}
      </QueryView>
    </Section>
  );
}

interface RatioPart {
  numerator: number;
  denominator: number;
  percent: number | null;
}

interface SeriesPoint {
  period: string;
  day: string;
  hasRun: boolean;
  employers: number;
  prolonged: number;
  all: RatioPart | null;
  withoutHardToCollect: RatioPart | null;
  target: number | null;
}

interface LeagueRow {
  officeCode: string;
  officeName: string;
  employers: number;
  all: RatioPart | null;
  previousPercent: number | null;
  change: number | null;
  prolonged: number;
  target: number | null;
}

/**
 * The ratio by month against its target (a line chart), for the office or its province; the province's
 * league table drills down to an office's view.
 */
export function RatioSeriesSection({ office, province }: { office: string; province: string }) {
  const { t } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const scope = office ? 'office' : 'all';
  const query = { scope, code: office || undefined, from, to };
  const series = useQuery({
    queryKey: ['ratio-series', scope, office, from, to],
    queryFn: () => api<{ points: SeriesPoint[] }>('/api/ratios/series', { query }),
  });
  const league = useQuery({
    queryKey: ['ratio-league', province, to],
    queryFn: () =>
      api<{ day: string; rows: LeagueRow[] }>('/api/ratios/league', {
        query: { province, month: to },
      }),
    enabled: !!province,
  });
  const option = useMemo(() => {
    const pts = series.data?.points ?? [];
    return {
      grid: { left: 56, right: 16, top: 32, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => formatPercent(v) },
      xAxis: {
        type: 'category',
        data: pts.map((p) => `${p.period.slice(5)}/${p.period.slice(0, 4)}`),
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [
        {
          type: 'line',
          name: t('ratioAll'),
          data: pts.map((p) => p.all?.percent ?? null),
          connectNulls: false,
        },
        {
          type: 'line',
          name: t('ratioWithoutHard'),
          data: pts.map((p) => p.withoutHardToCollect?.percent ?? null),
        },
        {
          type: 'line',
          name: t('ratioTarget'),
          data: pts.map((p) => p.target),
          lineStyle: { type: 'dashed' },
        },
      ],
    };
  }, [series.data, t]);
  return (
    <Section
      title={t('ratioSeries')}
      extra={
        <DownloadLink
          href={withQuery('/api/ratios/series.xlsx', query)}
          fileName="ratio-series.xlsx"
          button
        >
          {t('seriesXlsx')}
        </DownloadLink>
      }
    >
      <div className="form-row">
        <Field id="series-from" label={t('fromMonth')}>
          <input
            id="series-from"
            value={from}
            placeholder="YYYY-MM"
            onChange={(e) => setFrom(e.target.value.trim())}
          />
        </Field>
        <Field id="series-to" label={t('toMonth')}>
          <input
            id="series-to"
            value={to}
            placeholder="YYYY-MM"
            onChange={(e) => setTo(e.target.value.trim())}
          />
        </Field>
      </div>
      <QueryView query={series}>
        {(s) => (
          <EChart
            option={option}
            label={`${t('ratioSeries')}: ${s.points.map((p) => `${p.period} ${formatPercent(p.all?.percent)}`).join('; ')}`}
          />
        )}
      </QueryView>
      {province ? (
        <>
          <h3 style={{ fontSize: 15 }}>
            {t('leagueTitle')} · {t('province')} {province}{' '}
            <DownloadLink
              href={withQuery('/api/ratios/league.xlsx', { province, month: to })}
              fileName="ratio-league.xlsx"
            >
              {t('leagueXlsx')}
            </DownloadLink>
          </h3>
          <QueryView query={league} emptyOn={['NO_RUN_FOR_DAY']}>
            {(l) => (
              <Table<LeagueRow>
                size="small"
                rowKey="officeCode"
                pagination={false}
                dataSource={l.rows}
                columns={[
                  {
                    title: t('office'),
                    dataIndex: 'officeCode',
                    render: (v: string, r) => (
                      <Link
                        href={`/office?office=${encodeURIComponent(v)}`}
                      >{`${v} — ${r.officeName}`}</Link>
                    ),
                  },
                  {
                    title: t('runEmployers'),
                    dataIndex: 'employers',
                    className: 'num',
                    render: (v: number) => formatInteger(v),
                  },
                  {
                    title: t('ratioAll'),
                    key: 'p',
                    className: 'num',
                    render: (_: unknown, r) => formatPercent(r.all?.percent),
                  },
                  {
                    title: t('change'),
                    dataIndex: 'change',
                    className: 'num',
                    render: (v: number | null) => formatPercent(v),
                  },
                  {
                    title: t('prolongedEmployers'),
                    dataIndex: 'prolonged',
                    className: 'num',
                    render: (v: number) => formatInteger(v),
                  },
                  {
                    title: t('ratioTarget'),
                    dataIndex: 'target',
                    className: 'num',
                    render: (v: number | null) => formatPercent(v),
                  },
                ]}
              />
            )}
          </QueryView>
        </>
      ) : null}
    </Section>
  );
}
