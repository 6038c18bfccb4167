import { Button } from 'antd';
import { type FormEvent, useState } from 'react';
import { ErrorAlert, Field } from '../components/common.js';
import { useAuth } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { safeNext } from '../lib/paths.js';
import { navigate, useRoute } from '../lib/router.js';

export function SignInPage() {
  const { t, lang, setLang } = useI18n();
  const { signIn } = useAuth();
  const { query } = useRoute();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      navigate(safeNext(query.get('next')), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 className="page-title">{t('signInTitle')}</h1>
        <Button size="small" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} data-testid="switch-language">
          {lang === 'vi' ? t('switchToEnglish') : t('switchToVietnamese')}
        </Button>
      </div>
      <p className="intro">{t('signInHint')}</p>
      <form onSubmit={submit} aria-label={t('signIn')}>
        <Field id="sign-in-email" label={t('email')}>
          <input id="sign-in-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field id="sign-in-password" label={t('password')}>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {error ? <ErrorAlert error={error} /> : null}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('signIn')}
        </Button>
      </form>
    </div>
  );
}
