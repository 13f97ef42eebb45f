/**
 * Strings in UTF-16 code-unit order: what `<` compares, and the order of SQLite's and PostgreSQL's (C collation)
 * b-trees for the keys vtrguard writes. Not a language's order (`Intl.Collator`), which the lists shown to people use.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
