import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress, Statistic, Steps, Table, Tag, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { type FormEvent, useState } from 'react';
import {
  ErrorAlert,
  Field,
  PageTitle,
  QueryView,
  Section,
  TAG_COLORS,
  SelectField,
} from '../components/common.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { api } from '../lib/api.js';
import { problemText } from '../lib/catalogue.js';
import {
  formatBytes,
  formatDateTime,
  formatInteger,
  formatPeriod,
  parsePeriod,
} from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { Link, navigate } from '../lib/router.js';

export const IMPORT_KINDS = [
  'employers',
  'roster',
  'receipts',
  'receivables',
  'c12-summary',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Form names officers know, shown beside each kind (unless its label already names it). */
const KIND_FORM: Record<ImportKind, string> = {
  employers: 'TK3-TS',
  roster: 'D02-LT',
  receipts: 'GBC',
  receivables: 'C12-TS B.3',
  'c12-summary': 'C12-TS',
};

/** `Sổ phải thu (C12-TS B.3)`, but `Danh sách lao động (D02-LT)` once, not `(D02-LT) (D02-LT)`. */
export function kindWithForm(label: string, k: ImportKind, sep = ' '): string {
  const form = KIND_FORM[k];
  return label.includes(form) ? label : sep === ' ' ? `${label} (${form})` : `${label}${sep}${form}`;
}

export interface ImportProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  code: string;
  /** the server's English text: shown only behind "Chi tiết" */
  message: string;
  details?: Record<string, string | number>;
  level?: string;
  severity?: 'error' | 'warning';
}

export interface ImportBatch {
  id: string;
  kind: ImportKind;
  fileName?: string;
  period?: string | null;
  status: 'queued' | 'parsing' | 'validated' | 'committing' | 'committed' | 'rejected' | 'failed';
  /** Which step of a failed batch failed: a retry runs it again. */
  failedStep?: 'parse' | 'commit' | null;
  retrying?: { attempt: number; of: number } | null;
  setId?: string | null;
  kindHint?: ImportKind | null;
  counts?: {
    valid?: number;
    invalid?: number;
    committed?: number;
    problems?: number;
    errors?: number;
    warnings?: number;
  };
  progress?: { read: number; checked: number; written: number };
  validRows?: number;
  invalidRows?: number;
  committedRows?: number;
  problemCount?: number;
  message?: string | null;
  problems?: ImportProblem[];
  createdAt?: string;
  updatedAt?: string;
}

/** The counts, whichever way the API names them (`counts.valid` or `validRows`). */
export function countsOf(b: ImportBatch) {
  return {
    valid: b.counts?.valid ?? b.validRows ?? 0,
    invalid: b.counts?.invalid ?? b.invalidRows ?? 0,
    committed: b.counts?.committed ?? b.committedRows ?? 0,
    problems: b.counts?.problems ?? b.problemCount ?? b.problems?.length ?? 0,
    errors: b.counts?.errors ?? b.counts?.problems ?? 0,
    warnings: b.counts?.warnings ?? 0,
  };
}

/**
 * How far the job at work has gone: while checking, rows checked of rows read (the total is not known
 * before the end); while committing, rows written of the valid rows the check found.
 */
export function ImportProgress({ b }: { b: ImportBatch }) {
  const { t } = useI18n();
  const p = b.progress;
  if (!p) return null;
  const c = countsOf(b);
  const percent =
    b.status === 'committed' || b.status === 'validated'
      ? 100
      : b.status === 'committing' && c.valid > 0
        ? Math.min(99, Math.floor((p.written * 100) / c.valid))
        : p.read > 0
          ? Math.min(99, Math.floor((p.checked * 100) / p.read))
          : 0;
  const text = t('rowsProgress', {
    read: formatInteger(p.read),
    checked: formatInteger(p.checked),
    written: formatInteger(p.written),
  });
  return (
    <div data-testid="import-progress" data-percent={percent}>
      <Progress
        percent={percent}
        size="small"
        status={
          b.status === 'rejected' || b.status === 'failed'
            ? 'exception'
            : ACTIVE.has(b.status)
              ? 'active'
              : 'normal'
        }
        aria-label={text}
      />
      <span className="field-help">{text}</span>
    </div>
  );
}

/** What to do after a commit: the employers and their sheets, the receipts to match; flags come with the day run. */
export function NextSteps() {
  const { t } = useI18n();
  return (
    <Section title={t('nextSteps')}>
      <ul data-testid="next-steps">
        <li>
          <Link href="/employers">{t('nextEmployers')}</Link>
        </li>
        <li>
          <Link href="/receipts">{t('nextReceipts')}</Link>
        </li>
        <li>{t('nextFlags')}</li>
      </ul>
    </Section>
  );
}

/** A batch as `GET /api/imports` lists it (no problems: open the batch for those). */
interface ListedBatch extends ImportBatch {
  fileName: string;
  sizeBytes: number;
  createdAt: string;
}

function StatusTag({ status }: { status: string }) {
  const { te } = useI18n();
  const color =
    status === 'committed'
      ? TAG_COLORS.green
      : status === 'validated'
        ? TAG_COLORS.blue
        : status === 'rejected' || status === 'failed'
          ? TAG_COLORS.red
          : TAG_COLORS.gold;
  return (
    <Tag color={color} data-testid="import-status" data-status={status}>
      {te('status', status)}
    </Tag>
  );
}

export function TemplatesSection() {
  const { t, te } = useI18n();
  return (
    <Section title={t('templates')}>
      <p className="intro">{t('templatesIntro')}</p>
      <div className="templates">
        {IMPORT_KINDS.map((k) => (
          <DownloadLink
            key={k}
            href={`/api/templates/${k}.xlsx`}
            fileName={`sothu-${k}-template.xlsx`}
            button
          >
            {t('templateOf', { kind: kindWithForm(te('kind', k), k) })}
          </DownloadLink>
        ))}
      </div>
    </Section>
  );
}

export function ImportsPage() {
  const { t, te } = useI18n();
  const [kind, setKind] = useState<ImportKind | ''>('');
  const [period, setPeriod] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  // the user's and its office colleagues' batches (an admin's: everyone's), newest first, a page at a time
  const recent = useQuery({
    queryKey: ['imports', cursor ?? ''],
    queryFn: () =>
      api<{ items: ListedBatch[]; nextCursor: string | null }>(
        `/api/imports?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    staleTime: 0, // statuses move: ask again each time the page opens
  });

  const upload = useMutation({
    mutationFn: async () => {
      const chosen = files
        .map((f) => f.originFileObj as File | undefined)
        .filter((f): f is File => !!f);
      if (!chosen.length) throw new Error(t('noFile'));
      const form = new FormData();
      if (kind) form.set('kind', kind);
      if (period.trim()) form.set('period', parsePeriod(period)!);
      for (const f of chosen) form.append('file', f, f.name);
      return api<{ id?: string; status?: string; setId: string }>('/api/imports', { body: form });
    },
    onSuccess: (res) => navigate(res.id ? `/imports/${res.id}` : `/import-sets/${res.setId}`),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!files.length) return setFormError(t('noFile'));
    if (period.trim() && !parsePeriod(period)) return setFormError(t('periodInvalid'));
    upload.mutate();
  };

  return (
    <>
      <PageTitle>{t('importsTitle')}</PageTitle>
      <p className="intro">{t('importsIntro')}</p>
      <Section title={t('upload')}>
        <form onSubmit={submit} aria-label={t('upload')}>
          <div className="form-row">
            <SelectField
              id="import-kind"
              label={t('kind')}
              value={kind}
              onChange={(e) => setKind(e.target.value as ImportKind | '')}
              options={[
                { value: '', label: t('kindAuto') },
                ...IMPORT_KINDS.map((k) => ({
                  value: k,
                  label: kindWithForm(te('kind', k), k, ' — '),
                })),
              ]}
            />
            <Field id="import-period" label={t('c12Period')} help={t('c12PeriodSetHelp')}>
              <input
                id="import-period"
                inputMode="numeric"
                placeholder="MM/YYYY"
                value={period}
                aria-describedby="import-period-help"
                onChange={(e) => setPeriod(e.target.value)}
              />
            </Field>
          </div>
          <p className="field-help">{t('kindHelp')}</p>
          <div className="field" style={{ marginBottom: 12 }}>
            <span id="import-file-label" style={{ fontWeight: 600, fontSize: 14 }}>
              {t('file')}
            </span>
            <Upload.Dragger
              accept=".xlsx,.xls"
              multiple
              fileList={files}
              beforeUpload={() => false}
              onChange={(info) => setFiles(info.fileList)}
              aria-labelledby="import-file-label"
              data-testid="import-dropzone"
            >
              <p>{t('dropHereMany')}</p>
              <p className="field-help">{t('dropHint')}</p>
            </Upload.Dragger>
            {files.length > 1 ? (
              <p data-testid="files-chosen">{t('filesChosen', { n: files.length })}</p>
            ) : null}
          </div>
          {formError ? (
            <div className="field-error" role="alert">
              {formError}
            </div>
          ) : null}
          {upload.error ? <ErrorAlert error={upload.error} /> : null}
          <Button
            type="primary"
            htmlType="submit"
            loading={upload.isPending}
            data-testid="import-submit"
          >
            {upload.isPending ? t('uploading') : t('upload')}
          </Button>
        </form>
      </Section>
      <TemplatesSection />
      {recent.data?.items.length ? (
        <Section
          title={t('recentBatches')}
          extra={
            <span className="pager">
              {cursors.length ? (
                <Button size="small" onClick={() => setCursors([])} data-testid="import-list-first">
                  {t('firstPage')}
                </Button>
              ) : null}{' '}
              {recent.data.nextCursor ? (
                <Button
                  size="small"
                  onClick={() => setCursors([...cursors, recent.data!.nextCursor!])}
                  data-testid="import-list-next"
                >
                  {t('nextPage')}
                </Button>
              ) : null}
            </span>
          }
        >
          <Table<ListedBatch>
            size="small"
            rowKey="id"
            dataSource={recent.data.items}
            pagination={false}
            data-testid="import-list"
            columns={[
              {
                title: t('fileName'),
                dataIndex: 'fileName',
                render: (v: string, r) => <Link href={`/imports/${r.id}`}>{v}</Link>,
              },
              { title: t('kind'), dataIndex: 'kind', render: (k: ImportKind) => te('kind', k) },
              {
                title: t('status'),
                dataIndex: 'status',
                render: (v: string) => <StatusTag status={v} />,
              },
              {
                title: t('set'),
                dataIndex: 'setId',
                render: (v: string | null) =>
                  v ? <Link href={`/import-sets/${v}`}>{v.slice(0, 8)}</Link> : null,
              },
              {
                title: t('validRows'),
                key: 'valid',
                className: 'num',
                render: (_: unknown, r) => formatInteger(countsOf(r).valid),
              },
              {
                title: t('invalidRows'),
                key: 'invalid',
                className: 'num',
                render: (_: unknown, r) => formatInteger(countsOf(r).invalid),
              },
              {
                title: t('warningCount'),
                key: 'warnings',
                className: 'num',
                render: (_: unknown, r) => formatInteger(countsOf(r).warnings),
              },
              {
                title: t('fileSize'),
                dataIndex: 'sizeBytes',
                className: 'num',
                render: (v: number) => formatBytes(v),
              },
              {
                title: t('uploadedAt'),
                dataIndex: 'createdAt',
                render: (v: string) => formatDateTime(v),
              },
            ]}
          />
        </Section>
      ) : recent.error ? (
        <ErrorAlert error={recent.error} onRetry={() => void recent.refetch()} />
      ) : null}
    </>
  );
}

interface SetFile extends ListedBatch {
  problems: ImportProblem[];
}

interface ImportSetView {
  id: string;
  status: 'open' | 'committing' | 'committed';
  message: string | null;
  affectedUnits: number;
  committable: boolean;
  counts: {
    files: number;
    checking: number;
    validated: number;
    committed: number;
    rejected: number;
    validRows: number;
    committedRows: number;
    errors: number;
    warnings: number;
  };
  files: SetFile[];
}

/** An import set: its files in commit order, live while any is at work; "commit all valid rows". */
export function ImportSetPage({ id }: { id: string }) {
  const { t, te, lang } = useI18n();
  const [commitAsked, setCommitAsked] = useState(false);
  const query = useQuery({
    queryKey: ['import-set', id],
    queryFn: () => api<ImportSetView>(`/api/import-sets/${encodeURIComponent(id)}`),
    refetchInterval: (q) => {
      const d = q.state.data;
      if (q.state.error) return false;
      const busy =
        !d ||
        d.counts.checking > 0 ||
        d.status === 'committing' ||
        d.files.some((f) => ACTIVE.has(f.status));
      return busy || (commitAsked && d?.status !== 'committed') ? 800 : false;
    },
  });
  const commit = useMutation({
    mutationFn: () =>
      api<{ id: string; status: string }>(`/api/import-sets/${encodeURIComponent(id)}/commit`, {
        method: 'POST',
      }),
    onSuccess: () => {
      setCommitAsked(true);
      void query.refetch();
    },
  });
  return (
    <>
      <PageTitle extra={<Link href="/imports">{t('uploadAnother')}</Link>}>
        {t('setTitle', { n: query.data?.counts.files ?? '…' })}
      </PageTitle>
      <p className="intro">{t('setIntro')}</p>
      <QueryView query={query}>
        {(set) => (
          <>
            <Section title={t('progress')}>
              <div
                className="stats"
                aria-live="polite"
                data-testid="set-stats"
                data-status={set.status}
              >
                <Statistic title={t('validRows')} value={formatInteger(set.counts.validRows)} />
                <Statistic
                  title={t('committedRows')}
                  value={formatInteger(set.counts.committedRows)}
                />
                <Statistic title={t('errorCount')} value={formatInteger(set.counts.errors)} />
                <Statistic title={t('warningCount')} value={formatInteger(set.counts.warnings)} />
              </div>
              {set.counts.checking > 0 ? (
                <p role="status">{t('setChecking', { n: set.counts.checking })}</p>
              ) : null}
              {set.message ? (
                <Alert
                  type="error"
                  showIcon
                  title={t('setCommitFailed')}
                  description={<TechnicalDetail text={set.message} />}
                  role="alert"
                />
              ) : null}
              {set.status !== 'committed' && set.committable ? (
                <div style={{ marginTop: 12 }}>
                  <p>
                    {t('commitAllHelp', {
                      n: formatInteger(set.counts.validRows),
                      files: set.counts.validated,
                    })}
                  </p>
                  <Button
                    type="primary"
                    disabled={set.counts.validRows === 0 || commitAsked}
                    loading={commit.isPending || commitAsked}
                    onClick={() => commit.mutate()}
                    data-testid="set-commit"
                  >
                    {t('commitAll')}
                  </Button>
                </div>
              ) : null}
              {set.status === 'committed' ? (
                <Alert
                  style={{ marginTop: 12 }}
                  type="success"
                  showIcon
                  title={t('setCommitted', {
                    n: formatInteger(set.counts.committedRows),
                    units: formatInteger(set.affectedUnits),
                  })}
                />
              ) : null}
              {commit.error ? <ErrorAlert error={commit.error} /> : null}
            </Section>
            {set.status === 'committed' ? <NextSteps /> : null}
            <Section title={t('setFiles')}>
              <Table<SetFile>
                size="small"
                rowKey="id"
                dataSource={set.files}
                pagination={false}
                data-testid="set-files"
                columns={[
                  {
                    title: t('fileName'),
                    dataIndex: 'fileName',
                    render: (v: string, r) => <Link href={`/imports/${r.id}`}>{v}</Link>,
                  },
                  {
                    title: t('kind'),
                    dataIndex: 'kind',
                    render: (k: ImportKind, r) => (
                      <>
                        {te('kind', k)}
                        {r.kindHint ? (
                          <Tag color={TAG_COLORS.gold} data-testid="kind-hint">
                            {t('kindHintIgnored', { kind: te('kind', r.kindHint) })}
                          </Tag>
                        ) : null}
                      </>
                    ),
                  },
                  {
                    title: t('status'),
                    dataIndex: 'status',
                    render: (v: string) => <StatusTag status={v} />,
                  },
                  {
                    title: t('progress'),
                    key: 'progress',
                    render: (_: unknown, r) => <ImportProgress b={r} />,
                  },
                  {
                    title: t('validRows'),
                    key: 'valid',
                    className: 'num',
                    render: (_: unknown, r) => formatInteger(countsOf(r).valid),
                  },
                  {
                    title: t('errorCount'),
                    key: 'errors',
                    className: 'num',
                    render: (_: unknown, r) => formatInteger(countsOf(r).errors),
                  },
                  {
                    title: t('warningCount'),
                    key: 'warnings',
                    className: 'num',
                    render: (_: unknown, r) => formatInteger(countsOf(r).warnings),
                  },
                  {
                    title: t('committedRows'),
                    key: 'committed',
                    className: 'num',
                    render: (_: unknown, r) => formatInteger(countsOf(r).committed),
                  },
                  {
                    title: t('problems'),
                    key: 'problems',
                    render: (_: unknown, r) =>
                      r.problems[0] ? (
                        <span className="field-help">{problemText(lang, r.problems[0])}</span>
                      ) : null,
                  },
                ]}
              />
            </Section>
          </>
        )}
      </QueryView>
    </>
  );
}

const ACTIVE = new Set(['queued', 'parsing', 'committing']);
const STEP_OF: Record<string, number> = {
  queued: 0,
  parsing: 1,
  validated: 2,
  rejected: 2,
  failed: 2,
  committing: 3,
  committed: 3,
};

export function ImportPage({ id }: { id: string }) {
  const { t, te, lang } = useI18n();
  const [commitAsked, setCommitAsked] = useState(false);
  const query = useQuery({
    queryKey: ['import', id],
    queryFn: () => api<ImportBatch>(`/api/imports/${encodeURIComponent(id)}`),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      if (q.state.error) return false;
      return !s || ACTIVE.has(s) || (commitAsked && s === 'validated') ? 700 : false;
    },
  });
  const commit = useMutation({
    mutationFn: () =>
      api<{ id: string; status: string }>(`/api/imports/${encodeURIComponent(id)}/commit`, {
        method: 'POST',
      }),
    onSuccess: () => {
      setCommitAsked(true);
      void query.refetch();
    },
  });
  const retry = useMutation({
    mutationFn: () =>
      api<{ id: string; status: string }>(`/api/imports/${encodeURIComponent(id)}/retry`, {
        method: 'POST',
      }),
    onSuccess: () => void query.refetch(),
  });

  return (
    <>
      <PageTitle extra={<Link href="/imports">{t('uploadAnother')}</Link>}>
        {t('batchTitle', { file: query.data?.fileName ?? id })}
      </PageTitle>
      <QueryView query={query}>
        {(b) => {
          const c = countsOf(b);
          const failed = b.status === 'rejected' || b.status === 'failed';
          return (
            <>
              <Section title={t('progress')} extra={<StatusTag status={b.status} />}>
                <Steps
                  current={STEP_OF[b.status] ?? 0}
                  status={
                    failed
                      ? 'error'
                      : b.status === 'committed'
                        ? 'finish'
                        : ACTIVE.has(b.status)
                          ? 'process'
                          : 'wait'
                  }
                  items={[
                    { title: te('status', 'queued') },
                    { title: te('status', 'parsing') },
                    { title: failed ? te('status', b.status) : te('status', 'validated') },
                    { title: te('status', 'committed') },
                  ]}
                />
                <div className="stats" aria-live="polite">
                  <Statistic
                    title={t('kind')}
                    value={`${te('kind', b.kind)}${b.period ? ` ${formatPeriod(b.period)}` : ''}`}
                  />
                  <div data-testid="count-valid">
                    <Statistic title={t('validRows')} value={formatInteger(c.valid)} />
                  </div>
                  <div data-testid="count-invalid">
                    <Statistic title={t('invalidRows')} value={formatInteger(c.invalid)} />
                  </div>
                  <div data-testid="count-committed">
                    <Statistic title={t('committedRows')} value={formatInteger(c.committed)} />
                  </div>
                  <div data-testid="count-errors">
                    <Statistic title={t('errorCount')} value={formatInteger(c.errors)} />
                  </div>
                  <div data-testid="count-warnings">
                    <Statistic title={t('warningCount')} value={formatInteger(c.warnings)} />
                  </div>
                </div>
                <ImportProgress b={b} />
                {b.message ? (
                  <Alert
                    type={failed ? 'error' : 'info'}
                    showIcon
                    title={
                      b.status === 'failed'
                        ? t(b.failedStep === 'parse' ? 'checkFailedTitle' : 'commitFailedTitle')
                        : b.retrying
                          ? t('retryingTitle', b.retrying)
                          : failed
                            ? batchMessage(lang, b, t('batchFailed'))
                            : t('batchWaiting')
                    }
                    description={<TechnicalDetail text={b.message} />}
                    role={failed ? 'alert' : undefined}
                  />
                ) : null}
                {b.status === 'validated' ? (
                  <div style={{ marginTop: 12 }}>
                    <p>{t('commitHelp', { n: formatInteger(c.valid) })}</p>
                    <Button
                      type="primary"
                      disabled={c.valid === 0 || commitAsked}
                      loading={commit.isPending || commitAsked}
                      onClick={() => commit.mutate()}
                      data-testid="import-commit"
                    >
                      {t('commit')}
                    </Button>
                  </div>
                ) : null}
                {b.status === 'failed' ? (
                  <div style={{ marginTop: 12 }}>
                    <p>{t(b.failedStep === 'parse' ? 'retryParseHelp' : 'retryCommitHelp')}</p>
                    <Button
                      type="primary"
                      loading={retry.isPending}
                      onClick={() => retry.mutate()}
                      data-testid="import-retry"
                    >
                      {t('retryImport')}
                    </Button>
                  </div>
                ) : null}
                {b.status === 'committed' ? (
                  <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('committed')} />
                ) : null}
                {commit.error ? <ErrorAlert error={commit.error} /> : null}
                {retry.error ? <ErrorAlert error={retry.error} /> : null}
              </Section>
              {b.status === 'committed' ? <NextSteps /> : null}
              <Section
                title={t('problems')}
                extra={
                  c.problems > 0 ? (
                    <DownloadLink
                      href={`/api/imports/${encodeURIComponent(id)}/errors.xlsx`}
                      fileName={`errors-${id}.xlsx`}
                    >
                      {t('errorsXlsx')}
                    </DownloadLink>
                  ) : null
                }
              >
                {b.problems?.length ? (
                  <Table<ImportProblem & { key: number }>
                    size="small"
                    dataSource={b.problems.map((p, i) => ({ ...p, key: i }))}
                    pagination={{ pageSize: 50, showSizeChanger: false }}
                    columns={[
                      {
                        title: t('severity'),
                        key: 'severity',
                        render: (_: unknown, p) => {
                          const sev = p.severity ?? (p.level === 'info' ? 'warning' : 'error');
                          return (
                            <Tag color={sev === 'warning' ? TAG_COLORS.gold : TAG_COLORS.red}>
                              {te('severity', sev)}
                            </Tag>
                          );
                        },
                      },
                      { title: t('sheet'), dataIndex: 'sheet' },
                      { title: t('row'), dataIndex: 'row', className: 'num' },
                      { title: t('column'), dataIndex: 'column' },
                      {
                        title: t('message'),
                        key: 'message',
                        render: (_: unknown, p) => (
                          <>
                            {problemText(lang, p)}
                            <TechnicalDetail text={p.code} />
                          </>
                        ),
                      },
                    ]}
                  />
                ) : (
                  <p>{ACTIVE.has(b.status) ? t('loading') : t('problemsNone')}</p>
                )}
              </Section>
            </>
          );
        }}
      </QueryView>
    </>
  );
}

/** The code or the server's own words, for whoever must report them: folded under "Chi tiết". */
function TechnicalDetail({ text }: { text: string }) {
  const { t } = useI18n();
  return (
    <details className="technical">
      <summary>{t('details')}</summary>
      <code>{text}</code>
    </details>
  );
}

/** A rejected file says why from its first structural problem; a failed one says it failed. */
function batchMessage(
  lang: 'vi' | 'en',
  b: { problems?: ImportProblem[]; message?: string | null },
  failed: string,
): string {
  const first = b.problems?.find((p) => p.level === 'structural') ?? b.problems?.[0];
  return first ? problemText(lang, first) : failed;
}
