import { MultiSelect, Select } from '@mantine/core';
import { useDesk } from '../desk';

export interface Scope {
  role: string;
  editions: string[];
}

/** A role and the editions it covers (none chosen: all), within the signed-in admin's own editions. */
export function RoleAndEditions({ value, onChange }: { value: Scope; onChange: (scope: Scope) => void }) {
  const { t, myEditions } = useDesk();
  return (
    <>
      <Select label={t('role')} data={['admin', 'editor', 'author', 'previewer']} value={value.role} allowDeselect={false} onChange={(role) => role && onChange({ ...value, role })} />
      <MultiSelect label={t('editions')} placeholder={value.editions.length ? undefined : t('allEditions')} data={myEditions.map((e) => ({ value: e.code, label: e.name }))}
        value={value.editions} onChange={(editions) => onChange({ ...value, editions })} />
    </>
  );
}
