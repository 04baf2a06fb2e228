export function DocumentDraftPage() {
  return null;
}
