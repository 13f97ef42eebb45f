/** Why one input row could not be imported: where (line, column) and what a person should fix. */
export interface RowProblem {
  line: number;
  field: string;
  message: string;
}

export class RowRejected extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.message);
  }
}

export function reject(line: number, field: string, message: string): never {
  throw new RowRejected({ line, field, message });
}

/**
 * A row that is valid but not the seller's to measure (a Multi-Channel Fulfillment order in the All Orders
 * report): left out on purpose, counted per reason in the import's summary, never silently dropped.
 */
export class RowSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function skip(reason: string): never {
  throw new RowSkipped(reason);
}
