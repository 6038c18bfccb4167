import { Button } from 'antd';
import { type ReactNode, useState } from 'react';
import { download } from '../lib/api.js';
import { ErrorAlert } from './common.js';

/**
 * A real link to a workbook the API renders. Clicking fetches it with the bearer token (a plain link
 * would not carry it) and saves it; a failure shows the API's message under the link.
 */
export function DownloadLink({ href, fileName, children, button }: { href: string; fileName: string; children: ReactNode; button?: boolean }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setError(null);
    setBusy(true);
    try {
      await download(href, fileName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download-link">
      {button ? (
        <Button href={href} loading={busy} onClick={(e) => (e.preventDefault(), void go())}>
          {children}
        </Button>
      ) : (
        <a href={href} onClick={(e) => (e.preventDefault(), void go())} aria-busy={busy}>
          {children}
        </a>
      )}
      {error ? <ErrorAlert error={error} /> : null}
    </span>
  );
}
