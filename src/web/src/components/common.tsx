import { Alert, Button, Empty, Spin } from 'antd';
import { type ChangeEventHandler, type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../lib/api.js';
import { errorText, isRetryable } from '../lib/catalogue.js';
import { formatDate, parseDate } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';

/**
 * An API error in the reader's language, worded from its code and details (`lib/catalogue.ts`), never the
 * server's English message; the technical code and HTTP status only behind "Chi tiết". "Thử lại" only
 * where trying again can help (a 404 or a refused value answers the same again).
 */
export function ErrorAlert({ error, onRetry, extra }: { error: unknown; onRetry?: () => void; extra?: ReactNode }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const e = error as Error | undefined;
  const api = e instanceof ApiError ? e : undefined;
  const title = api ? errorText(lang, api.code, api.details, api.status) : t('error');
  const retry = onRetry && (!api || isRetryable(api.status));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        api || extra ? (
          <div>
            {extra}
            {api ? (
              <div>
                <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
                  {t('details')}
                </button>
                {open ? (
                  <div className="error-technical">
                    <code>{api.code}</code>
                    {api.status ? ` · HTTP ${api.status}` : ''}
                  </div>
                ) : null}
              </div>
            ) : null}
          </div>
        ) : undefined
      }
      action={
        retry ? (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
      className="api-error"
    />
  );
}

/** Loading, error or the content of one query. */
export function QueryView<T>({
  query,
  children,
  emptyOn,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
  /** Error codes that mean "nothing to show yet" here (e.g. no month-end run): said as an empty state, not an error. */
  emptyOn?: readonly string[];
}) {
  const { t, lang } = useI18n();
  if (query.isPending) return <Spin description={t('loading')} />;
  const e = query.error;
  if (e instanceof ApiError && emptyOn?.includes(e.code))
    return <Empty description={errorText(lang, e.code, e.details, e.status)} />;
  if (e) return <ErrorAlert error={e} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Empty description={t('noData')} />;
  return <>{children(query.data)}</>;
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title-row">
      <h1 className="page-title">{children}</h1>
      {extra ? <div className="page-title-extra">{extra}</div> : null}
    </div>
  );
}

export function Section({ title, children, extra }: { title: ReactNode; children: ReactNode; extra?: ReactNode }) {
  return (
    <section className="section">
      <div className="section-title-row">
        <h2 className="section-title">{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

/** A labelled native input: plain HTML keeps labels, keyboard and screen readers right. */
export function Field({ id, label, children, help }: { id: string; label: string; children: ReactNode; help?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {help ? (
        <div className="field-help" id={`${id}-help`}>
          {help}
        </div>
      ) : null}
    </div>
  );
}

/** Solid tag colours dark enough for white text (antd's light presets fail WCAG AA contrast). */
export const TAG_COLORS = {
  green: '#2e7d32',
  blue: '#1565c0',
  red: '#c62828',
  gold: '#7a5c00',
  orange: '#a63a00',
  purple: '#6a1b9a',
  magenta: '#ad1457',
} as const;

/** A labelled native select, optionally with an "all" choice (the empty value) first. */
export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  all,
}: {
  id: string;
  label: string;
  value: string;
  onChange: ChangeEventHandler<HTMLSelectElement>;
  options: { value: string; label: string }[];
  all?: string;
}) {
  return (
    <Field id={id} label={label}>
      <select id={id} value={value} onChange={onChange}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * A date typed as officers write it, `dd/mm/yyyy` (a native date input shows the browser's own format,
 * often `mm/dd/yyyy`). `value` and `onChange` speak the API's `YYYY-MM-DD`; `''` is no date.
 */
export function DateField({
  id,
  label,
  value,
  onChange,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (iso: string) => void;
  required?: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(formatDateInput(value));
  const [bad, setBad] = useState(false);
  useEffect(() => setText(formatDateInput(value)), [value]);
  /** hands the typed date up; true when that changed the value */
  const commit = (): boolean => {
    const s = text.trim();
    if (!s) {
      setBad(false);
      if (value) onChange('');
      return !!value;
    }
    const iso = parseDate(s);
    setBad(!iso);
    if (iso && iso !== value) onChange(iso);
    return !!iso && iso !== value;
  };
  return (
    <Field id={id} label={`${label} (dd/mm/yyyy)`}>
      <input
        id={id}
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        autoComplete="off"
        required={required}
        value={text}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          const form = e.currentTarget.form;
          if (commit() && form) {
            // submit once the parent has the new date (its state updates after this event)
            e.preventDefault();
            setTimeout(() => form.requestSubmit(), 0);
          }
        }}
      />
      {bad ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {t('dateInvalid')}
        </div>
      ) : null}
    </Field>
  );
}

function formatDateInput(iso: string): string {
  return iso ? formatDate(iso) : '';
}
