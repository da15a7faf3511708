// Peer for bench/files.bench.ts: the whole process of an exact reconciliation in DuckDB (@duckdb/node-api).
// Usage: node bench/peers/recon_duckdb.js LEFT.csv RIGHT.csv OUT.json [--full]
// Reads both CSVs, matches rows whose Reference and Amount are the same text (each side's rows numbered as
// worksheet rows, header on row 1), keeps each row in one pair at most, and writes the pairs as JSON.
// --full: the same document a reconciler gets from bpo-desk: Date read as a date and Amount as a decimal
// (not text), matched on Reference and Amount, and written as one JSON object with the pairs and every
// unmatched row of each side (row, date, reference, description, amount).
const { DuckDBInstance } = require("@duckdb/node-api");

async function main() {
  const [left, right, out, mode] = process.argv.slice(2);
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const q = (s) => s.replace(/'/g, "''");
  if (mode === "--full") {
    const typed = (f) =>
      `read_csv('${q(f)}', header = true, columns = {'Date': 'DATE', 'Reference': 'VARCHAR', 'Description': 'VARCHAR', 'Amount': 'DECIMAL(18,2)'})`;
    await con.run(`
      CREATE TEMP TABLE l AS SELECT *, row_number() OVER () + 1 AS row FROM ${typed(left)};
      CREATE TEMP TABLE r AS SELECT *, row_number() OVER () + 1 AS row FROM ${typed(right)};
      CREATE TEMP TABLE m AS
        SELECT row_l, row_r, Reference, Amount FROM (
          SELECT l.row AS row_l, r.row AS row_r, l.Reference, l.Amount,
                 row_number() OVER (PARTITION BY l.row ORDER BY r.row) AS nl,
                 row_number() OVER (PARTITION BY r.row ORDER BY l.row) AS nr
          FROM l JOIN r ON l.Reference = r.Reference AND l.Amount = r.Amount)
        WHERE nl = 1 AND nr = 1;
      COPY (
        SELECT (SELECT list({'left': row_l, 'right': row_r, 'reference': Reference, 'amount': Amount} ORDER BY row_l) FROM m) AS matches,
               (SELECT list({'row': row, 'date': Date, 'reference': Reference, 'description': Description, 'amount': Amount} ORDER BY row)
                  FROM l ANTI JOIN m ON l.row = m.row_l) AS unmatchedLeft,
               (SELECT list({'row': row, 'date': Date, 'reference': Reference, 'description': Description, 'amount': Amount} ORDER BY row)
                  FROM r ANTI JOIN m ON r.row = m.row_r) AS unmatchedRight
      ) TO '${q(out)}' (FORMAT JSON)`);
    con.closeSync?.();
    return;
  }
  await con.run(`
    COPY (
      WITH l AS (SELECT *, row_number() OVER () + 1 AS row FROM read_csv('${q(left)}', all_varchar = true)),
           r AS (SELECT *, row_number() OVER () + 1 AS row FROM read_csv('${q(right)}', all_varchar = true)),
           m AS (SELECT l.row AS row_l, r.row AS row_r, l.Reference, l.Amount,
                        row_number() OVER (PARTITION BY l.row ORDER BY r.row) AS nl,
                        row_number() OVER (PARTITION BY r.row ORDER BY l.row) AS nr
                 FROM l JOIN r ON l.Reference = r.Reference AND l.Amount = r.Amount)
      SELECT row_l, row_r, Reference, Amount FROM m WHERE nl = 1 AND nr = 1 ORDER BY row_l
    ) TO '${q(out)}' (FORMAT JSON, ARRAY true)`);
  con.closeSync?.();
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
});
