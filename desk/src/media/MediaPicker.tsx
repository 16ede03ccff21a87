import { useEffect, useState } from 'react';
import { Modal, Stack, UnstyledButton } from '@mantine/core';
import { get, thumbnailOf, type ListOf, type Media } from '../api';
import { useDesk } from '../desk';
import { Uploader } from './Uploader';

/** Pick an image from the media library, or upload one and pick it. */
export function MediaPicker({ edition, title, opened, onClose, onPick }: { edition: string; title: string; opened: boolean; onClose: () => void; onPick: (media: Media) => void }) {
  const { t } = useDesk();
  const [items, setItems] = useState<Media[]>([]);
  useEffect(() => {
    if (opened) get<ListOf<Media>>('/v1/admin/media?kind=image&perPage=48').then((l) => setItems(l.items), () => setItems([]));
  }, [opened]);

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl" closeButtonProps={{ 'aria-label': t('close') }}>
      <Stack>
        <Uploader onUploaded={onPick} />
        <div className="media-grid">
          {items.map((m) => (
            <UnstyledButton key={m.id} onClick={() => onPick(m)} aria-label={`${t('choose')} ${m.translations[edition]?.alt || m.translations[edition]?.title || `#${m.id}`}`}>
              <img src={thumbnailOf(m)} alt="" loading="lazy" />
            </UnstyledButton>
          ))}
        </div>
      </Stack>
    </Modal>
  );
}
