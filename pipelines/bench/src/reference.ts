import { Db } from '@imcat/duckdb';

/**
 * A fixed workload of the kinds of work the pipeline spends its time on (regular expressions over strings, a hash
 * aggregate, a join and a sort over 1M generated rows), run as the pipeline runs DuckDB (2 threads). The same code
 * has measured 1M listings in 78 s on one day and in 111–129 s on another, on machines of one kind; this time is
 * recorded with every report so that reports of different days can be set side by side. Whether it tracks such
 * differences is still to be seen: on the day it was added it read 1.8–2.0 s while the 1M run took 111–129 s.
 */
export const REFERENCE_SQL = [
  `CREATE OR REPLACE TEMP TABLE reference_rows AS
   SELECT i, md5(CAST(i AS VARCHAR)) || ' ' || CAST(i % 997 AS VARCHAR) AS s FROM range(1000000) AS t(i)`,
  `SELECT count(DISTINCT regexp_replace(lower(s), '[0-9]+', ' ', 'g')), count(*) FILTER (WHERE regexp_matches(s, '(^| )[a-f]{2,}[0-9]$')) FROM reference_rows`,
  `SELECT s_key, count(*), max(s) FROM (SELECT left(s, 3) AS s_key, s FROM reference_rows) GROUP BY s_key ORDER BY 2 DESC, 1 LIMIT 5`,
  `SELECT sum(hash(a.s, b.s)) FROM reference_rows AS a JOIN reference_rows AS b ON a.i = b.i + 1`,
  `SELECT sum(hash(s)) FROM (SELECT s FROM reference_rows ORDER BY s DESC LIMIT 1000000)`,
];

/** Run the reference workload `repeats` times in a fresh in-memory DuckDB; returns the median time in ms. */
export async function referenceMs(repeats = 3, memoryLimit = '2GB'): Promise<number> {
  const db = await Db.open(':memory:', { threads: 2, memoryLimit });
  try {
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t = performance.now();
      for (const sql of REFERENCE_SQL) await db.all(sql);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return Math.round(times[Math.floor(times.length / 2)]!);
  } finally {
    db.close();
  }
}
