import { useState } from 'react';
import { Alert, Progress, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { upload, type Media } from '../api';
import { useDesk } from '../desk';

/** Drag-and-drop (or click) upload to the media library, one progress bar per file. */
export function Uploader({ onUploaded }: { onUploaded: (media: Media) => void }) {
  const { t } = useDesk();
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);

  function send(files: File[]) {
    setError(null);
    for (const file of files) {
      const form = new FormData();
      form.append('file', file);
      setProgress((p) => ({ ...p, [file.name]: 0 }));
      upload<Media>('/v1/admin/media', form, (fraction) => setProgress((p) => ({ ...p, [file.name]: fraction })))
        .then(onUploaded, (e: Error) => setError(`${file.name}: ${e.message}`))
        .finally(() => setProgress(({ [file.name]: _done, ...rest }) => rest));
    }
  }

  return (
    <Stack gap="xs">
      <Dropzone onDrop={send} multiple aria-label={t("upload")} inputProps={{ "aria-label": t("upload") }} data-testid="media-dropzone">
        <Text ta="center" p="md">{t('upload')}</Text>
      </Dropzone>
      {Object.entries(progress).map(([name, fraction]) => (
        <div key={name}>
          <Text size="xs">{t('uploading', name)}</Text>
          <Progress value={fraction * 100} aria-label={t('uploading', name)} />
        </div>
      ))}
      {error && <Alert color="red" role="alert">{error}</Alert>}
    </Stack>
  );
}
