import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Table } from 'antd';
import { type FormEvent, useState } from 'react';
import {
  DateField,
  ErrorAlert,
  Field,
  PageTitle,
  QueryView,
  Section,
  SelectField,
} from '../components/common.js';
import { api, ApiError } from '../lib/api.js';
import { formatDate, formatDateTime, formatInteger } from '../lib/format.js';
import { type MessageKey, useI18n } from '../lib/i18n.js';

/** `GET /api/reference`: a kind, its keys, the unit of its integer values and the accepted range. */
interface KindRule {
  kind: string;
  keys: string[];
  unit: string;
  min: number;
  max: number;
}

interface ReferenceValue {
  id: number;
  kind: string;
  key: string;
  effectiveFrom: string;
  value: number;
  source: string | null;
  origin: 'seed' | 'entered';
  enteredBy: string | null;
  enteredAt: string | null;
}

interface Gap {
  kind: string;
  key: string;
  year: number;
  employers: number;
}

interface Problem {
  field: string;
  reason: string;
  allowed?: string[];
  min?: number;
  max?: number;
}

/** What a stored integer means, in words people use (0,9500 %/tháng; 8,00 %; 4.960.000 đ). */
function meaning(unit: string, value: number, lang: 'vi' | 'en'): string | null {
  if (!Number.isFinite(value)) return null;
  const nf = (digits: number) =>
    new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  if (unit === 'millionths')
    return `${nf(4).format(value / 10000)} % / ${lang === 'vi' ? 'tháng' : 'month'}`;
  if (unit === 'bp') return `${nf(2).format(value / 100)} %`;
  if (unit === 'bp-per-day')
    return `${nf(2).format(value / 100)} % / ${lang === 'vi' ? 'ngày' : 'day'}`;
  if (unit === 'dong') return `${formatInteger(value)} ₫`;
  return null;
}

/** The refusals of `POST /api/reference/{kind}`, said in the console's language from their code and details. */
function ReferenceError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!(error instanceof ApiError)) return <ErrorAlert error={error} />;
  const d = (error.details ?? {}) as Record<string, unknown>;
  if (error.code === 'REFERENCE_VALUE_INVALID') {
    const problems = (d.problems ?? []) as Problem[];
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        className="api-error"
        title={t('errReferenceInvalid')}
        description={
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {t(`refReason_${p.reason}` as MessageKey, {
                  allowed: (p.allowed ?? []).join(', '),
                  min: p.min ?? '',
                  max: p.max ?? '',
                })}
              </li>
            ))}
          </ul>
        }
      />
    );
  }
  if (error.code === 'REFERENCE_VALUE_EXISTS') {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        className="api-error"
        title={t('errReferenceExists', {
          key: String(d.key ?? ''),
          value: formatInteger(Number(d.value)),
          date: formatDate(String(d.effectiveFrom ?? '')),
        })}
      />
    );
  }
  if (error.code === 'REFERENCE_KIND_UNKNOWN')
    return <Alert type="error" showIcon role="alert" title={t('errReferenceKind')} />;
  return <ErrorAlert error={error} />;
}

/** The administrators' reference data: the gaps, each kind's values by effective date, a value to add. */
export function ReferencePage() {
  const { t, te, lang } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const kinds = useQuery({
    queryKey: ['reference-kinds'],
    queryFn: async () => (await api<{ items: KindRule[] }>('/api/reference')).items,
  });
  const gaps = useQuery({
    queryKey: ['reference-gaps'],
    queryFn: async () => (await api<{ items: Gap[] }>('/api/reference/gaps')).items,
  });
  const [kind, setKind] = useState('old-regime-k');
  const values = useQuery({
    queryKey: ['reference', kind],
    queryFn: async () =>
      (await api<{ items: ReferenceValue[] }>(`/api/reference/${encodeURIComponent(kind)}`)).items,
  });
  const rule = kinds.data?.find((k) => k.kind === kind);
  const empty = { key: '', effectiveFrom: '', value: '', notice: '', noticeDate: '' };
  const [form, setForm] = useState(empty);
  const key = form.key || rule?.keys[0] || '';
  const add = useMutation({
    mutationFn: () =>
      api<ReferenceValue & { jobId: string | null }>(`/api/reference/${encodeURIComponent(kind)}`, {
        body: {
          key,
          effectiveFrom: form.effectiveFrom,
          value: form.value.trim() === '' ? null : Number(form.value.trim()),
          source: form.notice.trim()
            ? form.noticeDate
              ? t('referenceSourceText', {
                  notice: form.notice.trim(),
                  date: formatDate(form.noticeDate),
                })
              : form.notice.trim()
            : '',
        },
      }),
    onSuccess: (v) => {
      const vars = { key: v.key, date: formatDate(v.effectiveFrom), job: v.jobId ?? '' };
      void (v.jobId
        ? message.success(t('referenceAdded', vars))
        : message.warning(t('referenceAddedLater', vars)));
      setForm(empty);
      void qc.invalidateQueries({ queryKey: ['reference', kind] });
      // the recomputation runs in the background: the gaps shrink as it goes
      setTimeout(() => void qc.invalidateQueries({ queryKey: ['reference-gaps'] }), 2000);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const gapWhat = (g: Gap) =>
    g.kind === 'old-regime-k'
      ? `k_${g.key}`
      : g.kind === 'daily-charge-rate'
        ? t('refGapDaily')
        : `${te('refKind', g.kind)} ${g.key}`;
  const means =
    rule && form.value.trim() !== '' ? meaning(rule.unit, Number(form.value.trim()), lang) : null;

  return (
    <>
      <PageTitle>{t('referenceTitle')}</PageTitle>
      <p>{t('referenceHint')}</p>
      <Section title={t('referenceGaps')}>
        <QueryView query={gaps}>
          {(items) =>
            items.length ? (
              <>
                <ul className="reference-gaps">
                  {items.map((g) => (
                    <li key={`${g.kind}|${g.key}|${g.year}`}>
                      {t('referenceGapLine', {
                        what: gapWhat(g),
                        year: g.year,
                        n: formatInteger(g.employers),
                      })}
                    </li>
                  ))}
                </ul>
                <p>{t('referenceGapHint')}</p>
              </>
            ) : (
              <p>{t('referenceNoGaps')}</p>
            )
          }
        </QueryView>
      </Section>
      <Section title={t('referenceValues')}>
        <QueryView query={kinds}>
          {(list) => (
            <SelectField
              id="reference-kind"
              label={t('referenceKind')}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value);
                setForm(empty);
                add.reset();
              }}
              options={list.map((k) => ({ value: k.kind, label: te('refKind', k.kind) }))}
            />
          )}
        </QueryView>
        <QueryView query={values}>
          {(items) => (
            <Table<ReferenceValue>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={items}
              aria-label={te('refKind', kind)}
              columns={[
                { title: t('referenceKey'), dataIndex: 'key' },
                {
                  title: t('referenceEffectiveFrom'),
                  dataIndex: 'effectiveFrom',
                  render: (v: string) => formatDate(v),
                },
                {
                  title: t('referenceValue'),
                  dataIndex: 'value',
                  align: 'right',
                  render: (v: number) => {
                    const m = rule ? meaning(rule.unit, v, lang) : null;
                    return m && rule?.unit !== 'dong'
                      ? `${formatInteger(v)} (${m})`
                      : formatInteger(v);
                  },
                },
                { title: t('referenceSource'), dataIndex: 'source' },
                {
                  title: t('referenceEnteredBy'),
                  dataIndex: 'enteredBy',
                  render: (v: string | null, r) => (r.origin === 'seed' ? t('referenceSeed') : v),
                },
                {
                  title: t('referenceEnteredAt'),
                  dataIndex: 'enteredAt',
                  render: (v: string | null) => formatDateTime(v),
                },
              ]}
            />
          )}
        </QueryView>
      </Section>
      <Section title={t('referenceAdd')}>
        <form className="form-row" aria-label={t('referenceAdd')} onSubmit={submit}>
          <SelectField
            id="reference-key"
            label={t('referenceKey')}
            value={key}
            onChange={(e) => setForm({ ...form, key: e.target.value })}
            options={(rule?.keys ?? []).map((k) => ({ value: k, label: k }))}
          />
          <DateField
            id="reference-effective-from"
            label={t('referenceEffectiveFrom')}
            required
            value={form.effectiveFrom}
            onChange={(v) => setForm({ ...form, effectiveFrom: v })}
          />
          <Field
            id="reference-value"
            label={t('referenceValue')}
            help={
              rule
                ? `${t('referenceUnit', { unit: te('refUnit', rule.unit), min: formatInteger(rule.min), max: formatInteger(rule.max) })}${means ? ` — ${t('referenceMeans', { text: means })}` : ''}`
                : undefined
            }
          >
            <input
              id="reference-value"
              inputMode="numeric"
              required
              autoComplete="off"
              aria-describedby="reference-value-help"
              value={form.value}
              onChange={(e) => setForm({ ...form, value: e.target.value })}
            />
          </Field>
          <Field id="reference-notice" label={t('referenceNotice')}>
            <input
              id="reference-notice"
              required
              autoComplete="off"
              value={form.notice}
              onChange={(e) => setForm({ ...form, notice: e.target.value })}
            />
          </Field>
          <DateField
            id="reference-notice-date"
            label={t('referenceNoticeDate')}
            required
            value={form.noticeDate}
            onChange={(v) => setForm({ ...form, noticeDate: v })}
          />
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('referenceAdd')}
          </Button>
        </form>
        {add.error ? <ReferenceError error={add.error} /> : null}
      </Section>
    </>
  );
}
