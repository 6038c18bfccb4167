import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Modal, Space, Table, Tag } from 'antd';
import { type FormEvent, useState } from 'react';
import {
  ErrorAlert,
  Field,
  PageTitle,
  QueryView,
  Section,
  SelectField,
  TAG_COLORS,
} from '../components/common.js';
import { Pager } from '../components/Pager.js';
import { api, asPage } from '../lib/api.js';
import { useAuth } from '../lib/auth.js';
import { formatDate, formatInteger, formatMoney, parseDate } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { reasonText } from '../lib/messages.js';
import { setQuery, useRoute } from '../lib/router.js';
import type { Employer } from './EmployersPage.js';

/** The suspense account's unit code: where a receipt no employer was tied to sits. */
export const SUSPENSE_UNIT = 'KM00000';

/** A ranked candidate employer of a receipt on suspense (domain.md §8 step 5). */
export interface Candidate {
  rank: number;
  unitCode: string;
  name: string | null;
  officeCode: string | null;
  /** 0–100 */
  score: number;
  /** `code-like`, `name`, `amount=overdue`, `amount=period 03/2026`… */
  reasons: string[];
}

export interface Receipt {
  id: number;
  valueDate: string;
  amount: number;
  bankRef: string | null;
  memo: string | null;
  payerName: string | null;
  status: 'unmatched' | 'suggested' | 'matched';
  /** the employer the receipt is tied to; {@link SUSPENSE_UNIT} while it sits on suspense */
  unitCode: string;
  method: string | null;
  confidence: number | null;
  /** the best candidate (or the name match), for an officer to confirm */
  suggestion: string | null;
  /** the office an officer sent it to */
  forwardedTo?: string | null;
  candidates?: Candidate[];
}

interface ReceiptQueue {
  items: Receipt[];
  nextCursor: string | null;
  suspense: { count: number; total: number };
}

const STATUSES = ['unmatched', 'suggested', 'matched'] as const;
const METHODS = [
  'column',
  'reference',
  'unit-code',
  'tax-code',
  'name',
  'officer',
  'none',
] as const;
type QueryKey = 'status' | 'order' | 'method';

function MatchDialog({ receipt, onClose }: { receipt: Receipt; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [q, setQ] = useState(receipt.payerName ?? '');
  const [term, setTerm] = useState(q);
  const found = useQuery({
    queryKey: ['employers', 'match', term],
    queryFn: async () =>
      asPage<Employer>(await api('/api/employers', { query: { q: term, limit: 10 } })).items,
    enabled: term.trim().length > 0,
  });
  const match = useMutation({
    // the state the officer saw: changed meanwhile by someone else → 409, and the list is reloaded
    mutationFn: (unitCode: string) =>
      api(`/api/receipts/${receipt.id}/match`, { body: { unitCode, expectedUnitCode: receipt.unitCode } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['receipts'] });
      onClose();
    },
    onError: () => void qc.invalidateQueries({ queryKey: ['receipts'] }),
  });
  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      width={720}
      title={t('matchDialogTitle', { ref: receipt.bankRef ?? String(receipt.id) })}
    >
      <form
        className="form-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setTerm(q.trim());
        }}
      >
        <Field id="match-q" label={t('employerSearch')}>
          <input id="match-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </Field>
        <Button htmlType="submit">{t('search')}</Button>
      </form>
      {match.error ? <ErrorAlert error={match.error} /> : null}
      {term ? (
        <QueryView query={found}>
          {(items) => (
            <Table<Employer>
              size="small"
              rowKey="unitCode"
              pagination={false}
              dataSource={items}
              columns={[
                { title: t('unitCode'), dataIndex: 'unitCode' },
                { title: t('unitName'), dataIndex: 'name' },
                { title: t('taxCode'), dataIndex: 'taxCode' },
                {
                  title: t('actions'),
                  key: 'a',
                  render: (_: unknown, e) => (
                    <Button
                      size="small"
                      type="primary"
                      loading={match.isPending}
                      onClick={() => match.mutate(e.unitCode)}
                    >
                      {t('matchTo')} {e.unitCode}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </QueryView>
      ) : null}
    </Modal>
  );
}

/**
 * The ranked candidates of a receipt on suspense, best first, each with its reasons in the reader's
 * language, a one-click match, and — for an employer of an office the user does not work in — sending
 * the receipt to that office.
 */
function Candidates({
  receipt,
  onMatch,
  onForward,
  busy,
  ownOffice,
}: {
  receipt: Receipt;
  onMatch: (unitCode: string) => void;
  onForward: (office: string) => void;
  busy: boolean;
  ownOffice: (office: string) => boolean;
}) {
  const { t, lang } = useI18n();
  const list = receipt.candidates ?? [];
  if (!list.length) return <span className="muted">{t('noCandidates')}</span>;
  return (
    <ol className="candidates" aria-label={t('candidates')}>
      {list.map((c) => (
        <li key={c.unitCode} data-unit={c.unitCode}>
          <Space wrap size={4}>
            <Tag color={c.rank === 1 ? TAG_COLORS.blue : undefined}>{c.unitCode}</Tag>
            <span>{c.name ?? ''}</span>
            <span className="num">{t('candidateScore', { score: c.score })}</span>
            {c.reasons.map((r) => (
              <Tag key={r} className="reason">
                {reasonText(lang, r)}
              </Tag>
            ))}
            <Button
              size="small"
              type={c.rank === 1 ? 'primary' : 'default'}
              disabled={busy}
              onClick={() => onMatch(c.unitCode)}
            >
              {c.rank === 1
                ? t('confirmSuggestion', { unit: c.unitCode })
                : t('confirmCandidate', { unit: c.unitCode })}
            </Button>
            {c.officeCode && !ownOffice(c.officeCode) && receipt.forwardedTo !== c.officeCode ? (
              <Button size="small" disabled={busy} onClick={() => onForward(c.officeCode!)}>
                {t('forwardTo', { office: c.officeCode })}
              </Button>
            ) : null}
          </Space>
        </li>
      ))}
    </ol>
  );
}

export function ReceiptsPage() {
  const { t, te } = useI18n();
  const { message } = AntApp.useApp();
  const { state } = useAuth();
  const qc = useQueryClient();
  const { query } = useRoute();
  const status = query.get('status') ?? 'unmatched';
  const order = query.get('order') === 'asc' ? 'asc' : 'desc';
  const method = query.get('method') ?? '';
  const applied = {
    amountMin: query.get('amountMin') ?? '',
    amountMax: query.get('amountMax') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
  const [form, setForm] = useState(applied);
  const [formError, setFormError] = useState<string | null>(null);
  const [stack, setStack] = useState<string[]>([]);
  const [matching, setMatching] = useState<Receipt | null>(null);
  const cursor = stack[stack.length - 1];
  const me = state.status === 'signed-in' ? state.me : null;
  const ownOffice = (office: string) =>
    !me || me.allOffices === true || me.offices.includes(office);
  const list = useQuery({
    queryKey: ['receipts', status, order, method, applied, cursor],
    queryFn: async () => {
      const body = await api<ReceiptQueue>('/api/receipts', {
        query: {
          status,
          order,
          method: method || undefined,
          ...Object.fromEntries(Object.entries(applied).filter(([, v]) => v)),
          cursor,
          limit: 50,
        },
      });
      return { ...asPage<Receipt>(body), suspense: body.suspense };
    },
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['receipts'] });
  const confirm = useMutation({
    mutationFn: ({ r, unitCode }: { r: Receipt; unitCode: string }) =>
      api(`/api/receipts/${r.id}/match`, {
        body: { unitCode, expectedUnitCode: r.unitCode },
      }),
    onSuccess: (_d, { unitCode }) => {
      void message.success(t('matched', { unit: unitCode }));
      refresh();
    },
  });
  const forward = useMutation({
    mutationFn: ({ r, office }: { r: Receipt; office: string }) =>
      api(`/api/receipts/${r.id}/forward`, { body: { office } }),
    onSuccess: (_d, { office }) => {
      void message.success(t('forwarded', { office }));
      refresh();
    },
    onError: () => void qc.invalidateQueries({ queryKey: ['receipts'] }),
  });
  const unmatch = useMutation({
    mutationFn: (r: Receipt) => api(`/api/receipts/${r.id}/unmatch`, { body: { expectedUnitCode: r.unitCode } }),
    onSuccess: () => {
      void message.success(t('unmatched'));
      refresh();
    },
    onError: () => void qc.invalidateQueries({ queryKey: ['receipts'] }),
  });
  const choose = (key: QueryKey) => (e: { target: { value: string } }) => {
    setStack([]);
    setQuery({ [key]: e.target.value || null });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const from = form.from.trim() ? parseDate(form.from) : '';
    const to = form.to.trim() ? parseDate(form.to) : '';
    const money = (v: string) => v.replace(/[\s.,₫đ]/g, '');
    const amountMin = money(form.amountMin);
    const amountMax = money(form.amountMax);
    if (from === null || to === null || !/^\d*$/.test(amountMin) || !/^\d*$/.test(amountMax)) {
      setFormError(t('required'));
      return;
    }
    setFormError(null);
    setStack([]);
    setQuery({
      from: from || null,
      to: to || null,
      amountMin: amountMin || null,
      amountMax: amountMax || null,
    });
  };
  const busy = confirm.isPending || forward.isPending;
  return (
    <>
      <PageTitle>{t('receiptsTitle')}</PageTitle>
      <p className="intro">{t('receiptsIntro')}</p>
      <Section title={t('filter')}>
        <form className="form-row" onSubmit={apply} aria-label={t('filter')}>
          <SelectField
            id="receipt-status"
            label={t('status')}
            value={status}
            onChange={choose('status')}
            options={STATUSES.map((s) => ({ value: s, label: te('receiptStatus', s) }))}
          />
          <SelectField
            id="receipt-order"
            label={t('receiptOrder')}
            value={order}
            onChange={choose('order')}
            options={(['desc', 'asc'] as const).map((o) => ({ value: o, label: te('order', o) }))}
          />
          <SelectField
            id="receipt-method"
            label={t('method')}
            value={method}
            onChange={choose('method')}
            options={METHODS.map((m) => ({ value: m, label: te('receiptMethod', m) }))}
            all={t('all')}
          />
          <Field id="receipt-amount-min" label={t('amountMin')}>
            <input
              id="receipt-amount-min"
              inputMode="numeric"
              value={form.amountMin}
              onChange={(e) => setForm({ ...form, amountMin: e.target.value })}
            />
          </Field>
          <Field id="receipt-amount-max" label={t('amountMax')}>
            <input
              id="receipt-amount-max"
              inputMode="numeric"
              value={form.amountMax}
              onChange={(e) => setForm({ ...form, amountMax: e.target.value })}
            />
          </Field>
          <Field id="receipt-from" label={t('dateFrom')}>
            <input
              id="receipt-from"
              placeholder="dd/mm/yyyy"
              value={form.from}
              onChange={(e) => setForm({ ...form, from: e.target.value })}
            />
          </Field>
          <Field id="receipt-to" label={t('dateTo')}>
            <input
              id="receipt-to"
              placeholder="dd/mm/yyyy"
              value={form.to}
              onChange={(e) => setForm({ ...form, to: e.target.value })}
            />
          </Field>
          <Button type="primary" htmlType="submit">
            {t('apply')}
          </Button>
        </form>
        {formError ? <p role="alert">{formError}</p> : null}
      </Section>
      {confirm.error ? <ErrorAlert error={confirm.error} /> : null}
      {forward.error ? <ErrorAlert error={forward.error} /> : null}
      {unmatch.error ? <ErrorAlert error={unmatch.error} /> : null}
      <Section title={te('receiptStatus', status)}>
        <QueryView query={list}>
          {(page) => (
            <>
              <p className="suspense-summary" role="status">
                <strong>
                  {t('suspenseSummary', {
                    count: formatInteger(page.suspense?.count ?? 0),
                    total: formatMoney(page.suspense?.total ?? 0),
                  })}
                </strong>
              </p>
              <Table<Receipt>
                size="small"
                rowKey="id"
                dataSource={page.items}
                pagination={false}
                scroll={{ x: true }}
                columns={[
                  {
                    title: t('valueDate'),
                    dataIndex: 'valueDate',
                    render: (v: string) => formatDate(v),
                  },
                  {
                    title: t('amount'),
                    dataIndex: 'amount',
                    className: 'num',
                    render: (v: number) => formatMoney(v),
                  },
                  { title: t('bankRef'), dataIndex: 'bankRef' },
                  { title: t('payerName'), dataIndex: 'payerName' },
                  { title: t('memo'), dataIndex: 'memo' },
                  {
                    title: t('candidates'),
                    key: 'c',
                    render: (_: unknown, r) =>
                      r.unitCode && r.unitCode !== SUSPENSE_UNIT ? (
                        <Space size={4}>
                          <Tag color={TAG_COLORS.green}>{r.unitCode}</Tag>
                          <span>
                            {te('receiptMethod', r.method)}
                            {r.confidence !== null && r.confidence < 1
                              ? ` · ${t('confidenceShort', { pct: Math.round(r.confidence * 100) })}`
                              : ''}
                          </span>
                        </Space>
                      ) : (
                        <>
                          {r.forwardedTo ? (
                            <Tag>{t('forwardedTo', { office: r.forwardedTo })}</Tag>
                          ) : null}
                          <Candidates
                            receipt={r}
                            busy={busy}
                            ownOffice={ownOffice}
                            onMatch={(unitCode) => confirm.mutate({ r, unitCode })}
                            onForward={(office) => forward.mutate({ r, office })}
                          />
                        </>
                      ),
                  },
                  {
                    title: t('actions'),
                    key: 'a',
                    render: (_: unknown, r) =>
                      r.status !== 'matched' ? (
                        <Button size="small" onClick={() => setMatching(r)}>
                          {t('matchTo')}
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          danger
                          loading={unmatch.isPending}
                          onClick={() => unmatch.mutate(r)}
                        >
                          {t('unmatch')}
                        </Button>
                      ),
                  },
                ]}
              />
              <Pager stack={stack} next={page.nextCursor} onChange={setStack} />
            </>
          )}
        </QueryView>
      </Section>
      {matching ? <MatchDialog receipt={matching} onClose={() => setMatching(null)} /> : null}
    </>
  );
}
