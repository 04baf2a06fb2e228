/** who defined a metric or kind, seen from the user's org */
export function ownerLabel(ownerOrgId: string | null, myOrgId: string): string {
  if (ownerOrgId === null) return '系统预置';
  return ownerOrgId === myOrgId ? '本级' : '上级';
}
