import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Table, Tag, Timeline } from 'antd';
import { type FormEvent, useState } from 'react';
import { DateField, ErrorAlert, Field, PageTitle, QueryView, Section, TAG_COLORS, SelectField } from '../components/common.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { Pager } from '../components/Pager.js';
import { api, asPage } from '../lib/api.js';
import { isBackward, stepProblem } from '../lib/case-steps.js';
import { formatDate, formatDateTime, formatDecimal, formatInteger, formatMoney, formatMonthsOneDecimal, formatPeriod, todayIn } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { Link, navigate, setQuery, useRoute } from '../lib/router.js';
import { DebtHistoryChart, type HistoryPoint, historyPoints } from './EmployerPage.js';
import { OfficeSelect } from './EmployersPage.js';

export interface Flag {
  id: number;
  unitCode: string;
  code: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  status: string;
  riskScore: number;
  evidence: Record<string, unknown> | null;
  monthsOfDebt?: number;
  raisedAt: string;
  updatedAt: string;
  caseId?: number | null;
}

/** `GET /api/flags/{id}`: the flag, its employer, the reconciled history and the employer's receipts. */
interface ReceiptLine {
  id: number;
  valueDate: string;
  amount: number;
  bankRef: string | null;
  memo: string | null;
  payerName?: string | null;
  status: string;
}

export interface FlagDetail extends Flag {
  employer: { unitCode: string; name: string; officeCode: string; status: string } | null;
  history: HistoryPoint[];
  receipts: ReceiptLine[];
  /** suspense receipts suggested for the employer, not yet confirmed */
  suggestedReceipts?: ReceiptLine[];
}

/** One employer's row of `GET /api/inspection-queue`. */
export interface QueueRow {
  unitCode: string;
  name: string | null;
  officeCode: string;
  severity: Flag['severity'];
  riskScore: number;
  overduePrincipal: number | null;
  monthsOfDebt: number;
  debtClass: string | null;
  flags: { id: number; code: string; severity: Flag['severity']; status: string }[];
  suggestedReceipts: { count: number; total: number };
  openCaseId: number | null;
  caseOpen: boolean;
  imminent: { prolongedOn: string; preventingAmount: number | null; horizon: string } | null;
}

/** `GET /api/employers/{code}/months-of-debt`: the ledger as of each month-end. */
interface MonthsOfDebtSeries {
  points: { day: string; monthsOfDebt: number; overduePrincipal: number }[];
}

/** One line of a case's timeline. */
export interface CaseEvent {
  id: number;
  kind: 'opened' | 'transition' | 'assigned' | 'sanction' | 'note';
  actor: string;
  at: string;
  from: string | null;
  to: string | null;
  note: string | null;
  date: string | null;
  amount: number | null;
  assignee: string | null;
}

export interface InspectionCase {
  id: number;
  unitCode: string;
  officeCode: string;
  status: string;
  allowedTransitions: string[];
  assignee: string | null;
  /** how many reminders were sent, and the latest one's date */
  reminders: number;
  lastReminderOn: string | null;
  minutesOn: string | null;
  openedBy: string;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CaseDetail extends InspectionCase {
  flags: Flag[];
  timeline: CaseEvent[];
}

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const FLAG_CODES = ['PROLONGED_ARREARS', 'EVASION_SUSPECTED', 'UNDER_DECLARATION', 'DECLARATION_MISMATCH', 'CRIMINAL_THRESHOLD', 'REPEAT_LATE', 'PROLONGED_IMMINENT'];
const FLAG_STATUSES = ['open', 'condition-cleared', 'closed'];
/** domain.md §10: the escalation ladder and its closing states */
export const CASE_STATES = ['open', 'reminded', 'reconciled', 'inspection-proposed', 'inspecting', 'paid', 'instalment-plan', 'dismissed', 'referred'];
const CLOSED = new Set(['paid', 'instalment-plan', 'dismissed', 'referred']);

export function SeverityTag({ value, label }: { value: string; label?: string }) {
  const { te } = useI18n();
  const color = { critical: TAG_COLORS.magenta, high: TAG_COLORS.red, medium: TAG_COLORS.orange, low: TAG_COLORS.blue }[value] ?? undefined;
  return <Tag color={color}>{label ? `${label} · ${te('severity', value)}` : te('severity', value)}</Tag>;
}

export function FlagsPage() {
  const { t, te } = useI18n();
  const { query } = useRoute();
  const f = { status: query.get('status') ?? '', office: query.get('office') ?? '', code: query.get('code') ?? '', severity: query.get('severity') ?? '' };
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack[stack.length - 1];
  const list = useQuery({
    queryKey: ['flags', f, cursor],
    queryFn: async () => asPage<Flag>(await api('/api/flags', { query: { ...f, cursor, limit: 50 } })),
  });
  const pick = (k: keyof typeof f) => (e: { target: { value: string } }) => {
    setStack([]);
    setQuery({ [k]: e.target.value });
  };
  return (
    <>
      <PageTitle>{t('flagsTitle')}</PageTitle>
      <div className="form-row" role="group" aria-label={t('filter')}>
        <SelectField
          id="flag-status"
          label={t('status')}
          value={f.status}
          onChange={pick('status')}
          options={FLAG_STATUSES.map((s) => ({ value: s, label: te('flagStatus', s) }))}
          all={t('all')}
        />
        <SelectField
          id="flag-severity"
          label={t('severity')}
          value={f.severity}
          onChange={pick('severity')}
          options={SEVERITIES.map((s) => ({ value: s, label: te('severity', s) }))}
          all={t('all')}
        />
        <SelectField
          id="flag-code"
          label={t('flagCode')}
          value={f.code}
          onChange={pick('code')}
          options={FLAG_CODES.map((c) => ({ value: c, label: te('flag', c) }))}
          all={t('all')}
        />
        <OfficeSelect id="flag-office" value={f.office} onChange={pick('office')} />
      </div>
      <Section title={t('flagsTitle')}>
        <QueryView query={list}>
          {(page) => (
            <>
              <Table<Flag>
                size="small"
                rowKey="id"
                dataSource={page.items}
                pagination={false}
                columns={[
                  { title: t('unitCode'), dataIndex: 'unitCode', render: (v: string) => <Link href={`/employers/${encodeURIComponent(v)}`}>{v}</Link> },
                  { title: t('flagCode'), dataIndex: 'code', render: (v: string, r) => <Link href={`/flags/${r.id}`}>{te('flag', v)}</Link> },
                  { title: t('severity'), dataIndex: 'severity', render: (v: string) => <SeverityTag value={v} /> },
                  { title: t('riskScore'), dataIndex: 'riskScore', className: 'num', render: (v: number) => formatInteger(v) },
                  { title: t('status'), dataIndex: 'status', render: (v: string) => te('flagStatus', v) },
                  { title: t('raisedAt'), dataIndex: 'raisedAt', render: (v: string) => formatDate(v) },
                  { title: t('updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDate(v) },
                ]}
              />
              <Pager stack={stack} next={page.nextCursor} onChange={setStack} />
            </>
          )}
        </QueryView>
      </Section>
    </>
  );
}

/** The inspector's home: one row per employer with open flags, highest severity first, then risk. */
export function InspectionQueuePage() {
  const { t, te } = useI18n();
  const { query } = useRoute();
  const f = { status: query.get('status') ?? '', office: query.get('office') ?? '', code: query.get('code') ?? '', severity: query.get('severity') ?? '' };
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack[stack.length - 1];
  const list = useQuery({
    queryKey: ['inspection-queue', f, cursor],
    queryFn: async () => asPage<QueueRow>(await api('/api/inspection-queue', { query: { ...f, cursor, limit: 50 } })),
  });
  const pick = (k: keyof typeof f) => (e: { target: { value: string } }) => {
    setStack([]);
    setQuery({ [k]: e.target.value });
  };
  const filterQs = new URLSearchParams(Object.entries(f).filter(([, v]) => v)).toString();
  const imminent = f.code === 'PROLONGED_IMMINENT';
  return (
    <>
      <PageTitle
        extra={
          <DownloadLink href={`/api/inspection-queue.xlsx${filterQs ? `?${filterQs}` : ''}`} fileName="inspection-plan.xlsx" button>
            {t('inspectionPlanXlsx')}
          </DownloadLink>
        }
      >
        {t('queueTitle')}
      </PageTitle>
      <div className="form-row" role="group" aria-label={t('filter')}>
        <SelectField
          id="queue-status"
          label={t('status')}
          value={f.status}
          onChange={pick('status')}
          options={FLAG_STATUSES.map((s) => ({ value: s, label: te('flagStatus', s) }))}
          all={t('all')}
        />
        <SelectField
          id="queue-severity"
          label={t('severity')}
          value={f.severity}
          onChange={pick('severity')}
          options={SEVERITIES.map((s) => ({ value: s, label: te('severity', s) }))}
          all={t('all')}
        />
        <SelectField
          id="queue-code"
          label={t('flagCode')}
          value={f.code}
          onChange={pick('code')}
          options={FLAG_CODES.map((c) => ({ value: c, label: te('flag', c) }))}
          all={t('all')}
        />
        <OfficeSelect id="queue-office" value={f.office} onChange={pick('office')} />
      </div>
      <Section title={t('queueTitle')}>
        <QueryView query={list}>
          {(page) => (
            <>
              <Table<QueueRow>
                size="small"
                rowKey="unitCode"
                dataSource={page.items}
                pagination={false}
                columns={[
                  {
                    title: t('unitName'),
                    dataIndex: 'name',
                    render: (v: string | null, r) => (
                      <Link className="wrap" href={`/employers/${encodeURIComponent(r.unitCode)}`}>{v ? `${r.unitCode} — ${v}` : r.unitCode}</Link>
                    ),
                  },
                  { title: t('office'), dataIndex: 'officeCode' },
                  { title: t('overduePrincipal'), dataIndex: 'overduePrincipal', className: 'num', render: (v: number | null) => formatMoney(v) },
                  { title: t('monthsOfDebt'), dataIndex: 'monthsOfDebt', className: 'num', render: (v: number) => formatMonthsOneDecimal(v) },
                  { title: t('debtClass'), dataIndex: 'debtClass', render: (v: string | null) => te('debtClass', v ?? 'none') },
                  {
                    title: t('queueFlags'),
                    dataIndex: 'flags',
                    render: (flags: QueueRow['flags']) => (
                      <span className="flag-chips">
                        {flags.map((fl) => (
                          <Link key={fl.id} href={`/flags/${fl.id}`} className="flag-chip" data-testid="flag-chip">
                            <SeverityTag value={fl.severity} label={te('flag', fl.code)} />
                          </Link>
                        ))}
                      </span>
                    ),
                  },
                  ...(imminent
                    ? [
                        { title: t('prolongedOn'), key: 'prolongedOn', render: (_: unknown, r: QueueRow) => formatDate(r.imminent?.prolongedOn) },
                        {
                          title: t('preventingAmount'),
                          key: 'preventingAmount',
                          className: 'num',
                          render: (_: unknown, r: QueueRow) => formatMoney(r.imminent?.preventingAmount ?? null),
                        },
                      ]
                    : []),
                  {
                    title: t('suggestedReceipts'),
                    dataIndex: 'suggestedReceipts',
                    render: (v: QueueRow['suggestedReceipts']) =>
                      v.count ? (
                        <Link href="/receipts?status=suggested">{t('suggestedReceiptsCount', { n: formatInteger(v.count), total: formatMoney(v.total) })}</Link>
                      ) : (
                        '—'
                      ),
                  },
                  {
                    title: t('caseOpenCol'),
                    dataIndex: 'openCaseId',
                    render: (v: number | null) => (v ? <Link href={`/cases/${v}`}>{t('openTheCase', { id: v })}</Link> : t('noCase')),
                  },
                ]}
              />
              <Pager stack={stack} next={page.nextCursor} onChange={setStack} />
            </>
          )}
        </QueryView>
      </Section>
    </>
  );
}

const MONEY_KEYS = /amount|principal|charge|shortfall|receivable|paid|settled|declared|difference/i;
const DATE_KEYS = /date|at$|On$|horizon|lastReminder|lastSanction/;
const MONTHS_KEYS = /^monthsOfDebt/;

/** One evidence value, formatted as a person reads it (money, dates, months of debt, periods, lists). */
function EvidenceValue({ k, v }: { k: string; v: unknown }) {
  const { te } = useI18n();
  if (v === null || v === undefined) return <>—</>;
  if (typeof v === 'number') {
    if (k === 'onTimeShare') return <>{formatDecimal(v, 2)} %</>;
    if (MONTHS_KEYS.test(k)) return <>{formatDecimal(v)}</>;
    return <>{MONEY_KEYS.test(k) ? formatMoney(v) : formatInteger(v)}</>;
  }
  if (typeof v === 'string') return <>{DATE_KEYS.test(k) ? formatDate(v) : /^\d{4}-\d{2}$/.test(v) ? formatPeriod(v) : v}</>;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return <>{v.map((x) => (/^\d{4}-\d{2}$/.test(x) ? formatPeriod(x) : x)).join(', ')}</>;
    return (
      <ul className="evidence-list">
        {v.map((x, i) => (
          <li key={i}>
            {x && typeof x === 'object' ? <Evidence value={x as Record<string, unknown>} /> : <EvidenceValue k={k} v={x} />}
          </li>
        ))}
      </ul>
    );
  }
  if (typeof v === 'object') return <Evidence value={v as Record<string, unknown>} />;
  return <>{te('ev', String(v))}</>;
}

/** Evidence as a definition list with Vietnamese labels (English on the switch) and formatted values. */
function Evidence({ value }: { value: Record<string, unknown> | null }) {
  const { t, te } = useI18n();
  if (!value || !Object.keys(value).length) return <p>{t('noData')}</p>;
  return (
    <dl className="kv">
      {Object.entries(value)
        .filter(([k]) => k !== 'history')
        .map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{te('ev', k)}</dt>
            <dd>
              <EvidenceValue k={k} v={v} />
            </dd>
          </div>
        ))}
    </dl>
  );
}

export function FlagPage({ id }: { id: string }) {
  const { t, te } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const flag = useQuery({ queryKey: ['flag', id], queryFn: () => api<FlagDetail>(`/api/flags/${encodeURIComponent(id)}`) });
  const unit = flag.data?.unitCode;
  const series = useQuery({
    queryKey: ['months-of-debt', unit],
    enabled: !!unit,
    queryFn: () => api<MonthsOfDebtSeries>(`/api/employers/${encodeURIComponent(unit!)}/months-of-debt`, { query: { months: 24 } }),
  });
  const open = useMutation({
    mutationFn: () => api<InspectionCase>('/api/cases', { body: { flagIds: [Number(id)] } }),
    onSuccess: (c) => {
      void message.success(t('caseOpened'));
      void qc.invalidateQueries({ queryKey: ['flag', id] });
      navigate(`/cases/${c.id}`);
    },
  });
  return (
    <>
      <PageTitle>
        {flag.data ? t('flagTitle', { code: te('flag', flag.data.code), unit: flag.data.unitCode }) : t('menuFlags')}
      </PageTitle>
      {open.error ? <ErrorAlert error={open.error} /> : null}
      <QueryView query={flag}>
        {(f) => (
          <>
            <Section title={t('details')}>
              <dl className="kv">
                <dt>{t('unitCode')}</dt>
                <dd>
                  <Link className="wrap" href={`/employers/${encodeURIComponent(f.unitCode)}`}>{f.employer ? `${f.unitCode} — ${f.employer.name}` : f.unitCode}</Link>
                </dd>
                <dt>{t('severity')}</dt>
                <dd>
                  <SeverityTag value={f.severity} />
                </dd>
                <dt>{t('status')}</dt>
                <dd>{te('flagStatus', f.status)}</dd>
                <dt>{t('riskScore')}</dt>
                <dd>{formatInteger(f.riskScore)}</dd>
                <dt>{t('raisedAt')}</dt>
                <dd>{formatDate(f.raisedAt)}</dd>
                <dt>{t('updatedAt')}</dt>
                <dd>{formatDate(f.updatedAt)}</dd>
              </dl>
            </Section>
            <Section title={t('evidence')}>
              <Evidence value={f.evidence} />
            </Section>
            <Section title={t('debtOverTime')}>
              <DebtHistoryChart
                points={
                  series.data?.points.length
                    ? series.data.points.map((p) => ({ label: formatDate(p.day), value: p.monthsOfDebt }))
                    : historyPoints(f.history)
                }
              />
            </Section>
            <Section title={t('suggestedForEmployer')}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={f.suggestedReceipts ?? []}
                data-testid="suggested-receipts"
                columns={[
                  { title: t('valueDate'), dataIndex: 'valueDate', render: (v: string) => formatDate(v) },
                  { title: t('bankRef'), dataIndex: 'bankRef' },
                  { title: t('amount'), dataIndex: 'amount', className: 'num', render: (v: number) => formatMoney(v) },
                  { title: t('memo'), dataIndex: 'memo' },
                  { title: t('status'), dataIndex: 'status', render: (v: string) => te('receiptStatus', v) },
                ]}
              />
            </Section>
            <Section title={t('matchedReceipts')}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={f.receipts ?? []}
                columns={[
                  { title: t('valueDate'), dataIndex: 'valueDate', render: (v: string) => formatDate(v) },
                  { title: t('bankRef'), dataIndex: 'bankRef' },
                  { title: t('amount'), dataIndex: 'amount', className: 'num', render: (v: number) => formatMoney(v) },
                  { title: t('memo'), dataIndex: 'memo' },
                  { title: t('status'), dataIndex: 'status', render: (v: string) => te('receiptStatus', v) },
                ]}
              />
            </Section>
            <div className="form-row">
              {f.caseId ? (
                <Link href={`/cases/${f.caseId}`}>{t('openTheCase', { id: f.caseId })}</Link>
              ) : (
                <Button type="primary" loading={open.isPending} onClick={() => open.mutate()}>
                  {t('openCase')}
                </Button>
              )}
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}

export function CasesPage() {
  const { t, te } = useI18n();
  const { query } = useRoute();
  const status = query.get('status') ?? '';
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack[stack.length - 1];
  const list = useQuery({
    queryKey: ['cases', status, cursor],
    queryFn: async () => asPage<InspectionCase>(await api('/api/cases', { query: { status, cursor, limit: 50 } })),
  });
  return (
    <>
      <PageTitle extra={<DownloadLink href={`/api/cases.xlsx${status ? `?status=${status}` : ''}`} fileName="cases.xlsx" button>{t('casesXlsx')}</DownloadLink>}>
        {t('casesTitle')}
      </PageTitle>
      <div className="form-row">
        <Field id="case-status" label={t('status')}>
          <select
            id="case-status"
            value={status}
            onChange={(e) => {
              setStack([]);
              setQuery({ status: e.target.value });
            }}
          >
            <option value="">{t('all')}</option>
            {CASE_STATES.map((s) => (
              <option key={s} value={s}>
                {te('caseStatus', s)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Section title={t('casesTitle')}>
        <QueryView query={list}>
          {(page) => (
            <>
              <Table<InspectionCase>
                size="small"
                rowKey="id"
                dataSource={page.items}
                pagination={false}
                columns={[
                  { title: 'ID', dataIndex: 'id', render: (v: number) => <Link href={`/cases/${v}`}>{v}</Link> },
                  { title: t('unitCode'), dataIndex: 'unitCode' },
                  { title: t('office'), dataIndex: 'officeCode' },
                  { title: t('status'), dataIndex: 'status', render: (v: string) => te('caseStatus', v) },
                  { title: t('assignee'), dataIndex: 'assignee', render: (v: string | null) => v ?? '—' },
                  { title: t('reminders'), dataIndex: 'reminders', className: 'num', render: (v: number) => formatInteger(v) },
                  { title: t('updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDate(v) },
                ]}
              />
              <Pager stack={stack} next={page.nextCursor} onChange={setStack} />
            </>
          )}
        </QueryView>
      </Section>
    </>
  );
}

export function CasePage({ id }: { id: string }) {
  const { t, te } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const enc = encodeURIComponent(id);
  const kase = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/api/cases/${enc}`) });
  const today = todayIn();
  // no step is preselected: each transition is chosen and confirmed, so a second click moves nothing
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [date, setDate] = useState(today);
  const [assignee, setAssignee] = useState('');
  const [sDate, setSDate] = useState(today);
  const [sAmount, setSAmount] = useState('');
  const [sNote, setSNote] = useState('');
  const [mFrom, setMFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [mTo, setMTo] = useState(today);
  const [formError, setFormError] = useState<string | null>(null);
  const { modal } = AntApp.useApp();
  const assignees = useQuery({
    queryKey: ['case-assignees', id],
    queryFn: async () => asPage<{ id: string; email: string }>(await api(`/api/cases/${enc}/assignees`)).items,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['case', id] });
  const transition = useMutation({
    mutationFn: (b: { to: string; note: string; date: string }) =>
      api(`/api/cases/${enc}/transitions`, { body: { to: b.to, date: b.date || undefined, note: b.note || undefined } }),
    onSuccess: (_d, b) => {
      void message.success(t('transitionDone', { to: te('caseStatus', b.to) }));
      setNote('');
      setTo('');
      setDate(today);
      refresh();
    },
  });
  const assign = useMutation({
    mutationFn: (who: string) => api(`/api/cases/${enc}/assign`, { body: { inspector: who } }),
    onSuccess: () => {
      void message.success(t('assigned'));
      setAssignee('');
      refresh();
    },
  });
  const sanction = useMutation({
    mutationFn: (b: { date: string; amount: number; note: string }) =>
      api(`/api/cases/${enc}/sanctions`, { body: { date: b.date, amount: b.amount, note: b.note || undefined } }),
    onSuccess: () => {
      void message.success(t('sanctionAdded'));
      setSAmount('');
      setSNote('');
      refresh();
    },
  });
  const sanctions = (kase.data?.timeline ?? []).filter((ev) => ev.kind === 'sanction');
  const eventLabel = (ev: CaseEvent): string => {
    if (ev.kind === 'transition' && ev.to) return te('caseStatus', ev.to);
    if (ev.kind === 'opened') return te('caseStatus', 'open');
    if (ev.kind === 'assigned') return t('assign');
    if (ev.kind === 'sanction') return t('sanctions');
    return t('note');
  };
  /** Checks the step, then asks to confirm it in a dialog; only "OK" there sends it. */
  const confirmStep = (from: string, step: string) => {
    setFormError(null);
    const problem = stepProblem(from, step, note, date);
    if (problem === 'choose') return setFormError(t('caseChooseStep'));
    if (problem === 'reason') return setFormError(step === 'dismissed' ? t('reasonRequired') : t('caseBackNeedsReason'));
    if (problem === 'date') return setFormError(t('caseDateNeeded'));
    const body = { to: step, note: note.trim(), date };
    void modal.confirm({
      title: t('caseConfirmTitle'),
      content: t(isBackward(from, step) ? 'caseConfirmBack' : 'caseConfirmBody', {
        id,
        from: te('caseStatus', from),
        to: te('caseStatus', step),
        date: date ? formatDate(date) : '—',
      }),
      okText: t('caseConfirmOk'),
      cancelText: t('cancel'),
      onOk: () => transition.mutateAsync(body).catch(() => undefined),
    });
  };
  const submitSanction = (e: FormEvent) => {
    e.preventDefault();
    const amount = Number(sAmount.replace(/[.,\s]/g, ''));
    if (!Number.isInteger(amount) || amount <= 0) return setFormError(`${t('amount')}: ${t('required')}`);
    sanction.mutate({ date: sDate, amount, note: sNote.trim() });
  };

  return (
    <>
      <PageTitle>{kase.data ? t('caseTitle', { id: String(kase.data.id), unit: kase.data.unitCode }) : t('menuCases')}</PageTitle>
      <QueryView query={kase}>
        {(c) => (
          <>
            <Section title={t('details')}>
              <dl className="kv">
                <dt>{t('unitCode')}</dt>
                <dd>
                  <Link href={`/employers/${encodeURIComponent(c.unitCode)}`}>{c.unitCode}</Link>
                </dd>
                <dt>{t('status')}</dt>
                <dd>{te('caseStatus', c.status)}</dd>
                <dt>{t('assignee')}</dt>
                <dd>{c.assignee ?? '—'}</dd>
                <dt>{t('reminders')}</dt>
                <dd>
                  {formatInteger(c.reminders)}
                  {c.lastReminderOn ? ` · ${formatDate(c.lastReminderOn)}` : ''}
                </dd>
                <dt>{t('minutesOn')}</dt>
                <dd>{c.minutesOn ? formatDate(c.minutesOn) : '—'}</dd>
                <dt>{t('menuFlags')}</dt>
                <dd>
                  {c.flags.length
                    ? c.flags.map((f, i) => (
                        <span key={f.id}>
                          {i ? ', ' : ''}
                          <Link href={`/flags/${f.id}`}>{te('flag', f.code)}</Link>
                        </span>
                      ))
                    : '—'}
                </dd>
              </dl>
            </Section>
            {formError ? (
              <div className="field-error" role="alert">
                {formError}
              </div>
            ) : null}
            {[transition.error, assign.error, sanction.error].map((e, i) => (e ? <ErrorAlert key={i} error={e} /> : null))}
            {!CLOSED.has(c.status) ? (
              <Section title={t('transition')}>
                <form
                  className="form-row no-print"
                  onSubmit={(e: FormEvent) => {
                    e.preventDefault();
                    confirmStep(c.status, to);
                  }}
                >
                  <SelectField
                    id="case-to"
                    label={t('transitionTo')}
                    value={to}
                    all={t('caseChooseStep')}
                    onChange={(e) => setTo(e.target.value)}
                    options={(c.allowedTransitions.length ? c.allowedTransitions : CASE_STATES.filter((s) => s !== 'open')).map((s) => ({
                      value: s,
                      label: isBackward(c.status, s) ? t('caseBackTo', { to: te('caseStatus', s) }) : te('caseStatus', s),
                    }))}
                  />
                  <DateField id="case-date" label={t('date')} required value={date} onChange={setDate} />
                  <Field id="case-note" label={isBackward(c.status, to) || to === 'dismissed' ? t('caseReason') : t('note')}>
                    <input
                      id="case-note"
                      value={note}
                      aria-required={isBackward(c.status, to) || to === 'dismissed'}
                      onChange={(e) => setNote(e.target.value)}
                    />
                  </Field>
                  <Button type="primary" htmlType="submit" loading={transition.isPending}>
                    {t('transition')}
                  </Button>
                  {c.allowedTransitions.includes('reminded') ? (
                    <Button onClick={() => confirmStep(c.status, 'reminded')}>{t('recordReminder')}</Button>
                  ) : null}
                </form>
              </Section>
            ) : null}
            <Section title={t('assign')}>
              <form
                className="form-row no-print"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (assignee) assign.mutate(assignee);
                }}
              >
                <SelectField
                  id="case-assignee"
                  label={t('assigneePick')}
                  value={assignee}
                  all={assignees.data?.length ? t('assigneeChoose') : t('assigneeNone')}
                  onChange={(e) => setAssignee(e.target.value)}
                  options={(assignees.data ?? []).map((u) => ({ value: u.email, label: u.email }))}
                />
                <Button htmlType="submit" loading={assign.isPending} disabled={!assignee}>
                  {t('assign')}
                </Button>
              </form>
              {assignees.error ? <ErrorAlert error={assignees.error} /> : null}
            </Section>
            <Section title={t('minutesTitle')}>
              <div className="form-row no-print">
                <DateField id="minutes-from" label={t('minutesFrom')} value={mFrom} onChange={setMFrom} />
                <DateField id="minutes-to" label={t('minutesTo')} value={mTo} onChange={setMTo} />
                <DownloadLink
                  button
                  href={`/api/employers/${encodeURIComponent(c.unitCode)}/minutes.xlsx?from=${mFrom}&to=${mTo}`}
                  fileName={`C05-TS-${c.unitCode}.xlsx`}
                >
                  {t('minutesDownload')}
                </DownloadLink>
              </div>
            </Section>
            <Section
              title={t('history')}
              extra={
                <Button className="no-print" onClick={() => window.print()}>
                  {t('printTimeline')}
                </Button>
              }
            >
              {c.timeline.length ? (
                <Timeline
                  items={c.timeline.map((ev) => ({
                    key: ev.id,
                    content: (
                      <span>
                        <strong>{eventLabel(ev)}</strong>
                        {ev.date ? ` ${formatDate(ev.date)}` : ''}
                        {ev.amount !== null ? ` · ${formatMoney(ev.amount)}` : ''}
                        {ev.assignee ? ` · ${ev.assignee}` : ''}
                        {` · ${ev.actor}`}
                        {ev.note ? ` — ${ev.note}` : ''}
                        <span className="field-help"> ({formatDateTime(ev.at)})</span>
                      </span>
                    ),
                  }))}
                />
              ) : (
                <p>{t('noData')}</p>
              )}
            </Section>
            <Section title={t('sanctions')}>
              {sanctions.length ? (
                <Table
                  size="small"
                  pagination={false}
                  rowKey="id"
                  dataSource={sanctions}
                  columns={[
                    { title: t('date'), dataIndex: 'date', render: (v: string) => formatDate(v) },
                    { title: t('amount'), dataIndex: 'amount', className: 'num', render: (v: number) => formatMoney(v) },
                    { title: t('note'), dataIndex: 'note' },
                  ]}
                />
              ) : (
                <p>{t('noData')}</p>
              )}
              <form className="form-row" style={{ marginTop: 12 }} onSubmit={submitSanction}>
                <DateField id="sanction-date" label={t('date')} required value={sDate} onChange={setSDate} />
                <Field id="sanction-amount" label={`${t('amount')} (₫)`}>
                  <input id="sanction-amount" inputMode="numeric" required value={sAmount} onChange={(e) => setSAmount(e.target.value)} />
                </Field>
                <Field id="sanction-note" label={t('note')}>
                  <input id="sanction-note" value={sNote} onChange={(e) => setSNote(e.target.value)} />
                </Field>
                <Button htmlType="submit" loading={sanction.isPending}>
                  {t('addSanction')}
                </Button>
              </form>
            </Section>
          </>
        )}
      </QueryView>
    </>
  );
}
