export function DocTemplatesPage() {
  return null;
}
