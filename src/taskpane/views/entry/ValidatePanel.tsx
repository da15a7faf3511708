import * as React from "react";
import {
  Button,
  Checkbox,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { DateOrder } from "../../../core/dates";
import { todaySerial } from "../../../core/dates";
import {
  checkTables,
  clearFindings,
  highlightFindings,
  summaryLine,
  writeQualitySheet,
  type Candidate,
  type TableCheck,
} from "../../../workbook/jobs/validate";
import type { DeskContext } from "../../desk-context";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  group: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS, padding: 0 },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  finding: { fontSize: tokens.fontSizeBase200 },
});

export interface ValidatePanelProps {
  desk: DeskContext;
  candidates: Candidate[];
  order: DateOrder;
}

/**
 * Check every row of the chosen tables: invalid cells are highlighted (removable with Clear highlights)
 * and the "Data Quality" sheet lists every finding with what to fix.
 */
export function ValidatePanel({ desk, candidates, order }: ValidatePanelProps): React.JSX.Element {
  const styles = useStyles();
  // Tables the user unticked (new tables found later start ticked).
  const [unticked, setUnticked] = React.useState<Set<string>>(() => new Set());
  const [busy, setBusy] = React.useState<"check" | "clear" | null>(null);
  const [checks, setChecks] = React.useState<TableCheck[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  const picked = candidates.filter((c) => !unticked.has(c.info.name));

  const run = async (): Promise<void> => {
    setBusy("check");
    setError(null);
    try {
      const done = await checkTables(
        desk.wb,
        picked.map((c) => ({ source: c.info.name, schema: c.schema })),
        { dateOrder: order },
      );
      await highlightFindings(desk.wb, done);
      const sheet = await writeQualitySheet(desk.wb, done, todaySerial(), true);
      setChecks(done);
      const issues = done.reduce((a, c) => a + c.result.invalid.length, 0);
      desk.announce(
        `Checked ${done.length} table${done.length === 1 ? "" : "s"}: ${issues} issue${issues === 1 ? "" : "s"}, listed below and on the Data Quality sheet.`,
      );
      desk.changed();
      desk.showSheet(sheet);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const clear = async (): Promise<void> => {
    setBusy("clear");
    setError(null);
    try {
      await clearFindings(
        desk.wb,
        picked.map((c) => c.info.name),
      );
      desk.announce("Highlights cleared.");
      desk.changed();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  if (!candidates.length)
    return (
      <MessageBar intent="info">
        <MessageBarBody>
          No table with recognised headers (invoices, payments, employees, bank, ledger, work items).
        </MessageBarBody>
      </MessageBar>
    );

  return (
    <div className={styles.root}>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>Tables to check</legend>
        {candidates.map((c) => (
          <Checkbox
            key={c.info.name}
            label={`${c.info.name} (${c.schema.title}, ${c.info.rowCount} rows)`}
            checked={!unticked.has(c.info.name)}
            onChange={(_, d) =>
              setUnticked((old) => {
                const next = new Set(old);
                if (d.checked) next.delete(c.info.name);
                else next.add(c.info.name);
                return next;
              })
            }
          />
        ))}
      </fieldset>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!picked.length || busy !== null} onClick={() => void run()}>
          {busy === "check" ? <Spinner size="tiny" label="Checking…" /> : "Check tables"}
        </Button>
        <Button disabled={!picked.length || busy !== null} onClick={() => void clear()}>
          Clear highlights
        </Button>
      </div>
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The check did not finish</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      {checks && (
        <section aria-label="Check results">
          {checks.map((c) => (
            <div key={c.source}>
              <Text weight="semibold">{summaryLine(c)}</Text>
              {c.result.invalid.length > 0 && (
                <ul className={styles.list}>
                  {c.result.invalid.slice(0, 20).map((f, i) => (
                    <li key={i} className={styles.finding}>
                      Row {f.row}, {f.column}: {f.message}
                    </li>
                  ))}
                  {c.result.invalid.length > 20 && (
                    <li className={styles.finding}>… {c.result.invalid.length - 20} more on the Data Quality sheet</li>
                  )}
                </ul>
              )}
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
