/** One schema step. Each dialect gets its own SQL text; versions are applied in order, once. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}
