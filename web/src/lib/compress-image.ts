const MAX_SIDE = 1600;
const QUALITY = 0.8;

/**
 * Phone photos are 3–8 MB; on a weak signal that is minutes. Scale to at most 1600 px and re-encode as JPEG;
 * keep the original when it is already small or the browser cannot decode it.
 */
export async function shrinkPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  if (!file.type.startsWith('image/') || file.size < 400 * 1024 || typeof createImageBitmap !== 'function') {
    return { blob: file, name: file.name };
  }
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    if (!blob || blob.size >= file.size) return { blob: file, name: file.name };
    return { blob, name: file.name.replace(/\.[^.]+$/, '') + '.jpg' };
  } catch {
    return { blob: file, name: file.name };
  }
}
