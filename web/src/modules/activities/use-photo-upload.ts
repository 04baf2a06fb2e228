import { useState } from 'react';
import { shrinkPhoto } from '../../lib/compress-image.ts';
import { errorText } from '../../lib/errors.ts';
import { useUploadAttachment, type AttachmentKind } from './activities.api.ts';

export type UploadProgress = { done: number; total: number; percent: number } | null;

/** uploads files one after another (a weak signal copes better with one at a time); returns the failures */
export function useFileUpload() {
  const upload = useUploadAttachment();
  const [progress, setProgress] = useState<UploadProgress>(null);

  async function uploadAll(activityId: string, kind: AttachmentKind, files: File[]): Promise<string[]> {
    const failures: string[] = [];
    for (const [i, file] of files.entries()) {
      setProgress({ done: i, total: files.length, percent: 0 });
      try {
        const { blob, name } = kind === 'photo' ? await shrinkPhoto(file) : { blob: file, name: file.name };
        await upload.mutateAsync({
          activityId,
          kind,
          file: blob,
          fileName: name,
          onProgress: (percent) => setProgress({ done: i, total: files.length, percent }),
        });
      } catch (err) {
        failures.push(`${file.name}：${errorText(err)}`);
      }
    }
    setProgress(null);
    return failures;
  }

  return { uploadAll, progress };
}
