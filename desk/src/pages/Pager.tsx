import { Button, Group, Text } from '@mantine/core';
import { useDesk } from '../desk';

/** Previous and next, with arrows that point the reading direction's way. */
export function Pager({ page, totalPages, onPage }: { page: number; totalPages: number; onPage: (page: number) => void }) {
  const { t } = useDesk();
  if (totalPages <= 1) return null;
  return (
    <Group justify="center" mt="md" component="nav" aria-label={t('pageOf', page, totalPages)}>
      <Button variant="default" disabled={page <= 1} onClick={() => onPage(page - 1)} leftSection={<Arrow />}>{t('previous')}</Button>
      <Text size="sm">{t('pageOf', page, totalPages)}</Text>
      <Button variant="default" disabled={page >= totalPages} onClick={() => onPage(page + 1)} rightSection={<Arrow forward />}>{t('next')}</Button>
    </Group>
  );
}

/** An arrow drawn for left-to-right reading, mirrored in right-to-left text by .flip-in-rtl. */
export function Arrow({ forward = false }: { forward?: boolean }) {
  return (
    <svg className="flip-in-rtl" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={forward ? 'M6 3l5 5-5 5' : 'M10 3L5 8l5 5'} fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
