export function PlanListPage() {
  return null;
}
