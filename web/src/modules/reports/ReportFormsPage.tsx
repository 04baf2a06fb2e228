export function ReportFormsPage() {
  return null;
}
