// Peer for bench/files.bench.ts: the whole process of an exact reconciliation in DuckDB (@duckdb/node-api).
// Usage: node bench/peers/recon_duckdb.js LEFT.csv RIGHT.csv OUT.json
// Reads both CSVs, matches rows whose Reference and Amount are the same text (each side's rows numbered as
// worksheet rows, header on row 1), keeps each row in one pair at most, and writes the pairs as JSON.
const { DuckDBInstance } = require("@duckdb/node-api");

async function main() {
  const [left, right, out] = process.argv.slice(2);
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const q = (s) => s.replace(/'/g, "''");
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
