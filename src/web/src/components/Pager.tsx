import { Button, Space } from 'antd';
import { useI18n } from '../lib/i18n.js';

/** Cursor pagination: a stack of the cursors that led here, so "previous" works too. */
export function Pager({ stack, next, onChange }: { stack: string[]; next: string | null; onChange: (stack: string[]) => void }) {
  const { t } = useI18n();
  return (
    <Space style={{ marginTop: 12 }}>
      <Button disabled={!stack.length} onClick={() => onChange(stack.slice(0, -1))}>
        {t('previous')}
      </Button>
      <Button disabled={!next} onClick={() => next && onChange([...stack, next])}>
        {t('next')}
      </Button>
    </Space>
  );
}
