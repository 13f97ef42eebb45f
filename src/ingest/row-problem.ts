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
