/**
 * Dates and periods as officers write them, whatever the interface language: shared by the web console
 * (`src/web/src/lib/format.ts` re-exports them) and the server (the errors workbook words import
 * problems with them). Pure: no imports. The API speaks `YYYY-MM-DD`, ISO timestamps and `YYYY-MM`.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** `2026-04-15` (or an ISO timestamp, read as its date part) → `15/04/2026`; anything else is returned as is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const m = ISO_DATE.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** An ISO timestamp in the business time zone: `2026-04-15T03:04:05Z` → `15/04/2026 10:04`. */
export function formatDateTime(
  value: string | null | undefined,
  timeZone = 'Asia/Ho_Chi_Minh',
): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** `2026-04` → `04/2026`; anything else is returned as is. */
export function formatPeriod(value: string | null | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return m ? `${m[2]}/${m[1]}` : value;
}
