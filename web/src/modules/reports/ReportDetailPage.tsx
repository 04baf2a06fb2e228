export function ReportDetailPage() {
  return null;
}
