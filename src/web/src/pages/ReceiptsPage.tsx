import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ErrorAlert, Field, PageTitle, QueryView, Section, TAG_COLORS } from '../components/common.js';
import { Pager } from '../components/Pager.js';
import { api, asPage } from '../lib/api.js';
import { formatDate, formatMoney, formatPercent } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { setQuery, useRoute } from '../lib/router.js';
import type { Employer } from './EmployersPage.js';

/** The suspense account's unit code: where a receipt no employer was tied to sits. */
export const SUSPENSE_UNIT = 'KM00000';

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
  /** the unit code a name match suggests, for an officer to confirm */
  suggestion: string | null;
}

const STATUSES = ['unmatched', 'suggested', 'matched'] as const;

function MatchDialog({ receipt, onClose }: { receipt: Receipt; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [q, setQ] = useState(receipt.payerName ?? '');
  const [term, setTerm] = useState(q);
  const found = useQuery({
    queryKey: ['employers', 'match', term],
    queryFn: async () => asPage<Employer>(await api('/api/employers', { query: { q: term, limit: 10 } })).items,
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
    <Modal open onCancel={onClose} footer={null} width={720} title={t('matchDialogTitle', { ref: receipt.bankRef ?? String(receipt.id) })}>
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
                    <Button size="small" type="primary" loading={match.isPending} onClick={() => match.mutate(e.unitCode)}>
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

export function ReceiptsPage() {
  const { t, te } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const { query } = useRoute();
  const status = query.get('status') ?? 'unmatched';
  const [stack, setStack] = useState<string[]>([]);
  const [matching, setMatching] = useState<Receipt | null>(null);
  const cursor = stack[stack.length - 1];
  const list = useQuery({
    queryKey: ['receipts', status, cursor],
    queryFn: async () => asPage<Receipt>(await api('/api/receipts', { query: { status, cursor, limit: 50 } })),
  });
  const confirm = useMutation({
    mutationFn: (r: Receipt) =>
      api(`/api/receipts/${r.id}/match`, { body: { unitCode: r.suggestion!, expectedUnitCode: r.unitCode } }),
    onSuccess: (_d, r) => {
      void message.success(t('matched', { unit: r.suggestion! }));
      void qc.invalidateQueries({ queryKey: ['receipts'] });
    },
    onError: () => void qc.invalidateQueries({ queryKey: ['receipts'] }),
  });
  const unmatch = useMutation({
    mutationFn: (r: Receipt) => api(`/api/receipts/${r.id}/unmatch`, { body: { expectedUnitCode: r.unitCode } }),
    onSuccess: () => {
      void message.success(t('unmatched'));
      void qc.invalidateQueries({ queryKey: ['receipts'] });
    },
    onError: () => void qc.invalidateQueries({ queryKey: ['receipts'] }),
  });
  return (
    <>
      <PageTitle>{t('receiptsTitle')}</PageTitle>
      <p className="intro">{t('receiptsIntro')}</p>
      <div className="form-row">
        <Field id="receipt-status" label={t('status')}>
          <select
            id="receipt-status"
            value={status}
            onChange={(e) => {
              setStack([]);
              setQuery({ status: e.target.value });
            }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {te('receiptStatus', s)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {confirm.error ? <ErrorAlert error={confirm.error} /> : null}
      {unmatch.error ? <ErrorAlert error={unmatch.error} /> : null}
      <Section title={te('receiptStatus', status)}>
        <QueryView query={list}>
          {(page) => (
            <>
              <Table<Receipt>
                size="small"
                rowKey="id"
                dataSource={page.items}
                pagination={false}
                scroll={{ x: true }}
                columns={[
                  { title: t('valueDate'), dataIndex: 'valueDate', render: (v: string) => formatDate(v) },
                  { title: t('amount'), dataIndex: 'amount', className: 'num', render: (v: number) => formatMoney(v) },
                  { title: t('bankRef'), dataIndex: 'bankRef' },
                  { title: t('payerName'), dataIndex: 'payerName' },
                  { title: t('memo'), dataIndex: 'memo' },
                  {
                    title: t('suggestion'),
                    key: 's',
                    render: (_: unknown, r) =>
                      r.suggestion ? (
                        <span>
                          <Tag>{r.suggestion}</Tag>
                          {r.method ?? ''} {r.confidence ? formatPercent(r.confidence * 100) : ''}
                        </span>
                      ) : r.unitCode && r.unitCode !== SUSPENSE_UNIT ? (
                        <Tag color={TAG_COLORS.green}>{r.unitCode}</Tag>
                      ) : (
                        <span title={r.unitCode}>{t('onSuspense')}</span>
                      ),
                  },
                  {
                    title: t('actions'),
                    key: 'a',
                    render: (_: unknown, r) => (
                      <Space wrap>
                        {r.status === 'suggested' && r.suggestion ? (
                          <Button size="small" type="primary" loading={confirm.isPending} onClick={() => confirm.mutate(r)}>
                            {t('confirmSuggestion', { unit: r.suggestion })}
                          </Button>
                        ) : null}
                        {r.status !== 'matched' ? (
                          <Button size="small" onClick={() => setMatching(r)}>
                            {t('matchTo')}
                          </Button>
                        ) : (
                          <Button size="small" danger loading={unmatch.isPending} onClick={() => unmatch.mutate(r)}>
                            {t('unmatch')}
                          </Button>
                        )}
                      </Space>
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
