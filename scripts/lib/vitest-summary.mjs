/**
 * The closing line CI reads, from Vitest's JSON report. A test file that failed without a failing test
 * (it did not load, or a beforeAll threw and its tests were skipped) counts as one failure.
 */
export function summarizeVitestReport(report) {
  const files = report.testResults ?? [];
  const failedWithoutFailingTest = files.filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + failedWithoutFailingTest,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

export function formatSummary({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}
