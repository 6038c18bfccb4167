import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Statistic, Steps, Table, Tag, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { type FormEvent, useState } from 'react';
import { ErrorAlert, Field, PageTitle, QueryView, Section, TAG_COLORS, SelectField } from '../components/common.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { api } from '../lib/api.js';
import { formatBytes, formatDateTime, formatInteger, formatPeriod, parsePeriod } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { Link, navigate } from '../lib/router.js';

export const IMPORT_KINDS = ['employers', 'roster', 'receipts', 'receivables', 'c12-summary'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Form names officers know, shown beside each kind. */
const KIND_FORM: Record<ImportKind, string> = {
  employers: 'TK3-TS',
  roster: 'D02-LT',
  receipts: 'GBC',
  receivables: 'C12-TS B.3',
  'c12-summary': 'C12-TS',
};

export interface ImportProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  code: string;
  message: string;
  level?: string;
}

export interface ImportBatch {
  id: string;
  kind: ImportKind;
  fileName?: string;
  period?: string | null;
  status: 'queued' | 'parsing' | 'validated' | 'committing' | 'committed' | 'rejected' | 'failed';
  counts?: { valid?: number; invalid?: number; committed?: number; problems?: number };
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
  };
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
    status === 'committed' ? TAG_COLORS.green : status === 'validated' ? TAG_COLORS.blue : status === 'rejected' || status === 'failed' ? TAG_COLORS.red : TAG_COLORS.gold;
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
          <DownloadLink key={k} href={`/api/templates/${k}.xlsx`} fileName={`sothu-${k}-template.xlsx`} button>
            {t('templateOf', { kind: `${te('kind', k)} (${KIND_FORM[k]})` })}
          </DownloadLink>
        ))}
      </div>
    </Section>
  );
}

export function ImportsPage() {
  const { t, te } = useI18n();
  const [kind, setKind] = useState<ImportKind>('employers');
  const [period, setPeriod] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  // the user's own batches (an admin's: everyone's), newest first
  const recent = useQuery({
    queryKey: ['imports'],
    queryFn: () => api<{ items: ListedBatch[] }>('/api/imports?limit=20'),
    staleTime: 0, // statuses move: ask again each time the page opens
  });

  const upload = useMutation({
    mutationFn: async () => {
      const file = files[0]?.originFileObj as File | undefined;
      if (!file) throw new Error(t('noFile'));
      const form = new FormData();
      form.set('kind', kind);
      if (kind === 'c12-summary' && period.trim()) form.set('period', parsePeriod(period)!);
      form.set('file', file, file.name);
      return api<{ id: string; status: string }>('/api/imports', { body: form });
    },
    onSuccess: (res) => navigate(`/imports/${res.id}`),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!files.length) return setFormError(t('noFile'));
    if (kind === 'c12-summary' && period.trim() && !parsePeriod(period)) return setFormError(t('periodInvalid'));
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
              onChange={(e) => setKind(e.target.value as ImportKind)}
              options={IMPORT_KINDS.map((k) => ({ value: k, label: `${te('kind', k)} — ${KIND_FORM[k]}` }))}
            />
            {kind === 'c12-summary' ? (
              <Field id="import-period" label={t('c12Period')} help={t('c12PeriodHelp')}>
                <input
                  id="import-period"
                  inputMode="numeric"
                  placeholder="MM/YYYY"
                  value={period}
                  aria-describedby="import-period-help"
                  onChange={(e) => setPeriod(e.target.value)}
                />
              </Field>
            ) : null}
          </div>
          <div className="field" style={{ marginBottom: 12 }}>
            <span id="import-file-label" style={{ fontWeight: 600, fontSize: 14 }}>
              {t('file')}
            </span>
            <Upload.Dragger
              accept=".xlsx,.xls"
              multiple={false}
              maxCount={1}
              fileList={files}
              beforeUpload={() => false}
              onChange={(info) => setFiles(info.fileList.slice(-1))}
              aria-labelledby="import-file-label"
              data-testid="import-dropzone"
            >
              <p>{t('dropHere')}</p>
              <p className="field-help">{t('dropHint')}</p>
            </Upload.Dragger>
          </div>
          {formError ? (
            <div className="field-error" role="alert">
              {formError}
            </div>
          ) : null}
          {upload.error ? <ErrorAlert error={upload.error} /> : null}
          <Button type="primary" htmlType="submit" loading={upload.isPending} data-testid="import-submit">
            {upload.isPending ? t('uploading') : t('upload')}
          </Button>
        </form>
      </Section>
      <TemplatesSection />
      {recent.data?.items.length ? (
        <Section title={t('recentBatches')}>
          <Table<ListedBatch>
            size="small"
            rowKey="id"
            dataSource={recent.data.items}
            pagination={false}
            data-testid="import-list"
            columns={[
              { title: t('fileName'), dataIndex: 'fileName', render: (v: string, r) => <Link href={`/imports/${r.id}`}>{v}</Link> },
              { title: t('kind'), dataIndex: 'kind', render: (k: ImportKind) => te('kind', k) },
              { title: t('status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
              { title: t('validRows'), key: 'valid', className: 'num', render: (_: unknown, r) => formatInteger(countsOf(r).valid) },
              { title: t('invalidRows'), key: 'invalid', className: 'num', render: (_: unknown, r) => formatInteger(countsOf(r).invalid) },
              { title: t('fileSize'), dataIndex: 'sizeBytes', className: 'num', render: (v: number) => formatBytes(v) },
              { title: t('uploadedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            ]}
          />
        </Section>
      ) : recent.error ? (
        <ErrorAlert error={recent.error} onRetry={() => void recent.refetch()} />
      ) : null}
    </>
  );
}

const ACTIVE = new Set(['queued', 'parsing', 'committing']);
const STEP_OF: Record<string, number> = { queued: 0, parsing: 1, validated: 2, rejected: 2, failed: 2, committing: 3, committed: 3 };

export function ImportPage({ id }: { id: string }) {
  const { t, te } = useI18n();
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
    mutationFn: () => api<{ id: string; status: string }>(`/api/imports/${encodeURIComponent(id)}/commit`, { method: 'POST' }),
    onSuccess: () => {
      setCommitAsked(true);
      void query.refetch();
    },
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
                  status={failed ? 'error' : b.status === 'committed' ? 'finish' : ACTIVE.has(b.status) ? 'process' : 'wait'}
                  items={[
                    { title: te('status', 'queued') },
                    { title: te('status', 'parsing') },
                    { title: failed ? te('status', b.status) : te('status', 'validated') },
                    { title: te('status', 'committed') },
                  ]}
                />
                <div className="stats" aria-live="polite">
                  <Statistic title={t('kind')} value={`${te('kind', b.kind)}${b.period ? ` ${formatPeriod(b.period)}` : ''}`} />
                  <div data-testid="count-valid">
                    <Statistic title={t('validRows')} value={formatInteger(c.valid)} />
                  </div>
                  <div data-testid="count-invalid">
                    <Statistic title={t('invalidRows')} value={formatInteger(c.invalid)} />
                  </div>
                  <div data-testid="count-committed">
                    <Statistic title={t('committedRows')} value={formatInteger(c.committed)} />
                  </div>
                  <Statistic title={t('problemCount')} value={formatInteger(c.problems)} />
                </div>
                {b.message ? <Alert type={failed ? 'error' : 'info'} showIcon title={b.message} role={failed ? 'alert' : undefined} /> : null}
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
                {b.status === 'committed' ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('committed')} /> : null}
                {commit.error ? <ErrorAlert error={commit.error} /> : null}
              </Section>
              <Section
                title={t('problems')}
                extra={
                  c.problems > 0 ? (
                    <DownloadLink href={`/api/imports/${encodeURIComponent(id)}/errors.xlsx`} fileName={`errors-${id}.xlsx`}>
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
                      { title: t('sheet'), dataIndex: 'sheet' },
                      { title: t('row'), dataIndex: 'row', className: 'num' },
                      { title: t('column'), dataIndex: 'column' },
                      { title: t('code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
                      { title: t('message'), dataIndex: 'message' },
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
