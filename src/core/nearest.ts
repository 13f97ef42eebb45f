/**
 * The known name closest to a mistyped one, for "did you mean" hints: case-insensitive edit distance (with
 * adjacent swaps), within a third of the name's length; a known name that contains the input, or is contained in
 * it, also counts. Null when nothing is close enough to be a plausible typo.
 */
export function nearest(input: string, known: readonly string[]): string | null {
  const wanted = input.trim().toLowerCase();
  if (wanted === '') return null;
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const lower = name.toLowerCase();
    const distance = lower.includes(wanted) || wanted.includes(lower) ? Math.abs(lower.length - wanted.length) / 100 : editDistance(wanted, lower);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return null;
  const allowed = Math.max(2, Math.floor(wanted.length / 3));
  return best.distance <= allowed ? best.name : null;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      d[i * cols + j] = value;
    }
  }
  return at(a.length, b.length);
}
