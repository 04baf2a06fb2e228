import type { Compilable } from 'kysely';

/** compiled queries as a reviewable SQL file: each titled, its clauses on lines of their own, its parameters */
export function sqlSnapshot(queries: [string, Compilable<unknown>][]): string {
  return queries
    .map(([title, q]) => {
      const c = q.compile();
      const sql = c.sql.replace(/ (from|inner join|left join|where|group by|order by|and) /g, '\n  $1 ');
      return `-- ${title}\n${sql};\n-- parameters: ${JSON.stringify(c.parameters)}\n`;
    })
    .join('\n');
}
