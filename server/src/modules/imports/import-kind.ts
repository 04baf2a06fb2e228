import type { Db, Trx } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import type { PersonalDataCipher } from '../../security/personal-data.ts';
import type { CellValue } from './import-sheet.ts';
import type { SheetContext } from './import-values.ts';

/**
 * What each kind of import (activities, people, orgs) provides to the runner. The runner reads the file once, as a
 * stream, and keeps only the checked records, not the cells: `checks` tells a good row from a bad one and lists
 * every problem; then, when every row is good, the writer runs in the import's one transaction, under the locks
 * the kind's writers take, checks again what may have changed since (an org closed or moved, an activity or a
 * person recorded meanwhile) and writes the records chunk by chunk.
 */
export type ImportContext = {
  actor: Actor;
  cipher: PersonalDataCipher;
  sheet: SheetContext;
  /** 'YYYY-MM-DD' in Asia/Shanghai */
  today: string;
  jobId: string;
  fileName: string;
  now: Date;
};

/** problems go to ctx.sheet.errors with their row and column */
export type RowChecks<R> = {
  /** a row against the rules and the rows above it: its record, or undefined when it has a problem */
  row(number: number, cells: CellValue[]): R | undefined;
  /** good records against what the database already holds */
  againstDatabase(db: Db, records: R[]): Promise<void>;
};

export type ChunkWriter<R> = {
  /** checks a chunk again as the database is now and, while no row of the file has failed, writes it */
  write(records: R[]): Promise<void>;
  /** after the last chunk: what is written once (rollups, the audit row); the number of rows imported */
  finish(): Promise<number>;
};

// methods, not function-valued properties: a kind's runner then serves where any kind's is expected
export type ImportKindRunner<R, C extends RowChecks<R> = RowChecks<R>> = {
  /** records per chunk: one database check and one insert each */
  chunkRows: number;
  checks(db: Db, ctx: ImportContext): Promise<C>;
  /** in the transaction: takes the kind's locks (keys may come from the checks) and returns the writer */
  writer(trx: Trx, ctx: ImportContext, checked: C): Promise<ChunkWriter<R>>;
};

/** thrown inside the transaction when the writer's checks find problems: everything rolls back */
export class ImportRejected extends Error {
  constructor() {
    super('import rejected');
  }
}
