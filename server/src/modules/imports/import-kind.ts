import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import type { PersonalDataCipher } from '../../security/personal-data.ts';
import type { CellValue } from './import-sheet.ts';
import type { SheetContext } from './import-values.ts';

/**
 * What each kind of import (activities, people, orgs) gets: `check` reads every row, records every problem in
 * sheet.errors and returns the rows it would write; `write` runs inside the import's one transaction, checks
 * again what may have changed since (under the locks the kind's writers take), writes and records one audit row.
 */
export type DataRow = { number: number; cells: CellValue[] };

export type CheckInput = {
  db: Db;
  actor: Actor;
  cipher: PersonalDataCipher;
  sheet: SheetContext;
  rows: DataRow[];
  today: string;
  /** rows checked so far */
  progress: (processed: number) => void;
};

export type WriteInput<R> = {
  actor: Actor;
  cipher: PersonalDataCipher;
  sheet: SheetContext;
  records: R[];
  jobId: string;
  fileName: string;
  now: Date;
  /** rows written so far */
  progress: (processed: number) => void;
};

/** thrown inside the transaction when a re-check finds problems: everything rolls back, the errors are in sheet.errors */
export class ImportRejected extends Error {
  constructor() {
    super('import rejected');
  }
}

const TURN = 2000;

/** every few thousand rows: report progress and let other requests (the browser's polls) run */
export async function yieldEvery(i: number, report: () => void): Promise<void> {
  if (i % TURN !== 0 || i === 0) return;
  report();
  await nextTurn();
}
