export function PlanImportPage() {
  return null;
}
