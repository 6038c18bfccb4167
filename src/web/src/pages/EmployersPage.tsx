import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag } from 'antd';
import { type ChangeEventHandler, type FormEvent, useState } from 'react';
import { Field, PageTitle, QueryView, Section, TAG_COLORS, SelectField } from '../components/common.js';
import { Pager } from '../components/Pager.js';
import { api, asPage } from '../lib/api.js';
import { formatDate, formatDecimal, formatMoney } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { Link, setQuery, useRoute } from '../lib/router.js';

export const DEBT_CLASSES = ['none', 'late', 'overdue', 'prolonged', 'hard-to-collect'] as const;

export interface Employer {
  unitCode: string;
  name: string;
  taxCode?: string | null;
  officeCode: string;
  region?: string;
  cycle?: string;
  status?: string;
  oaRateBp?: number;
  /** the latest reconciled snapshot's figures; null until a reconciliation covered the employer */
  reconciled?: {
    asOf: string;
    overduePrincipal: number;
    chargesUnpaid: number;
    monthsOfDebt: number;
    debtClass: string | null;
  } | null;
}

export interface Office {
  code: string;
  name: string;
  provinceCode: string;
}

export function useOffices() {
  return useQuery({ queryKey: ['offices'], queryFn: async () => asPage<Office>(await api('/api/offices')).items, staleTime: 60_000 });
}

/** The office filter of the lists: every office, or one. */
export function OfficeSelect({ id, value, onChange }: { id: string; value: string; onChange: ChangeEventHandler<HTMLSelectElement> }) {
  const { t } = useI18n();
  const offices = useOffices();
  const options = (offices.data ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }));
  return <SelectField id={id} label={t('office')} value={value} onChange={onChange} options={options} all={t('all')} />;
}

export function DebtClassTag({ value }: { value?: string | null }) {
  const { te } = useI18n();
  if (!value) return <>—</>;
  const color = { none: TAG_COLORS.green, late: TAG_COLORS.gold, overdue: TAG_COLORS.orange, prolonged: TAG_COLORS.red, 'hard-to-collect': TAG_COLORS.purple }[value] ?? undefined;
  return <Tag color={color}>{te('debtClass', value)}</Tag>;
}

export function EmployersPage() {
  const { t, te } = useI18n();
  const { query } = useRoute();
  const office = query.get('office') ?? '';
  const q = query.get('q') ?? '';
  const cls = query.get('class') ?? '';
  const [text, setText] = useState(q);
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack[stack.length - 1];
  const filter = (key: string) => (e: { target: { value: string } }) => {
    setStack([]);
    setQuery({ [key]: e.target.value });
  };
  const list = useQuery({
    queryKey: ['employers', office, q, cls, cursor],
    queryFn: async () => asPage<Employer>(await api('/api/employers', { query: { office, q, class: cls, cursor, limit: 50 } })),
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setStack([]);
    setQuery({ q: text.trim() });
  };
  return (
    <>
      <PageTitle>{t('employersTitle')}</PageTitle>
      <Section title={t('filter')}>
        <form className="form-row" onSubmit={search} role="search" aria-label={t('employersTitle')}>
          <Field id="emp-q" label={t('employerSearch')}>
            <input id="emp-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
          </Field>
          <OfficeSelect id="emp-office" value={office} onChange={filter('office')} />
          <SelectField
            id="emp-class"
            label={t('debtClass')}
            value={cls}
            onChange={filter('class')}
            options={DEBT_CLASSES.map((c) => ({ value: c, label: te('debtClass', c) }))}
            all={t('all')}
          />
          <Button type="primary" htmlType="submit">
            {t('search')}
          </Button>
        </form>
      </Section>
      <Section title={t('employersTitle')}>
        <QueryView query={list}>
          {(page) => (
            <>
              <Table<Employer>
                size="small"
                rowKey="unitCode"
                dataSource={page.items}
                pagination={false}
                columns={[
                  { title: t('unitCode'), dataIndex: 'unitCode', render: (v: string) => <Link href={`/employers/${encodeURIComponent(v)}`}>{v}</Link> },
                  { title: t('unitName'), dataIndex: 'name' },
                  { title: t('overduePrincipal'), key: 'overduePrincipal', className: 'num', render: (_: unknown, e) => (e.reconciled ? formatMoney(e.reconciled.overduePrincipal) : '—') },
                  { title: t('monthsOfDebt'), key: 'monthsOfDebt', className: 'num', render: (_: unknown, e) => (e.reconciled ? formatDecimal(e.reconciled.monthsOfDebt) : '—') },
                  { title: t('debtClass'), key: 'debtClass', render: (_: unknown, e) => <DebtClassTag value={e.reconciled?.debtClass} /> },
                  { title: t('asOf'), key: 'asOf', render: (_: unknown, e) => (e.reconciled ? formatDate(e.reconciled.asOf) : '—') },
                  { title: t('taxCode'), dataIndex: 'taxCode' },
                  { title: t('office'), dataIndex: 'officeCode' },
                  { title: t('status'), dataIndex: 'status', render: (v: string) => te('employerStatus', v) },
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
