import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { formatCents } from "../../core/money";
import { matchKey, RECON_SUMMARY_SHEET, type ReconDecision } from "../../core/recon";
import type { TableInfo } from "../../workbook/port";
import {
  ReconCancelled,
  findBankAndLedger,
  loadReconState,
  runRecon,
  withDecisions,
  writeReconResults,
  type ReconRun,
} from "../../workbook/jobs/recon";
import type { ViewProps } from "../desk-context";
import { defaultForm, detectSide, rulesFromForm, type ReconForm, type SideForm } from "./reconcile/model";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  two: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", columnGap: tokens.spacingHorizontalM },
  three: {
    display: "grid",
    gridTemplateColumns: "repeat(3, minmax(0, 1fr))",
    columnGap: tokens.spacingHorizontalS,
  },
  side: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  row: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  list: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  item: {
    listStyleType: "none",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  /** Controls shrink to their grid cell instead of overflowing the narrow taskpane. */
  fit: { minWidth: 0, width: "100%", "& input, & select": { minWidth: 0, width: "100%" } },
  stats: { display: "grid", gridTemplateColumns: "auto auto auto", columnGap: tokens.spacingHorizontalM },
});

const ADDIN_ROLE = /^(recon:|report:|entry|validate|demo:|quality)/;

/** A small labelled number box of the tolerance row (typed as text; the model checks it). */
function SmallNumber(props: {
  label: string;
  hint: string;
  ariaLabel: string;
  value: string;
  whole?: boolean;
  onChange: (v: string) => void;
}): React.JSX.Element {
  const styles = useStyles();
  return (
    <Field label={props.label} size="small" hint={props.hint}>
      <Input
        className={styles.fit}
        size="small"
        value={props.value}
        onChange={(_, d) => props.onChange(d.value)}
        aria-label={props.ariaLabel}
        inputMode={props.whole ? "numeric" : "decimal"}
      />
    </Field>
  );
}

function ColumnSelect(props: {
  label: string;
  value: string;
  headers: string[];
  optional?: boolean;
  onChange: (v: string) => void;
  testid: string;
}): React.JSX.Element {
  const styles = useStyles();
  return (
    <Field label={props.label} size="small">
      <Select
        className={styles.fit}
        size="small"
        value={props.value}
        onChange={(_, d) => props.onChange(d.value)}
        aria-label={props.label}
        data-testid={props.testid}
      >
        <option value="">{props.optional ? "(none)" : "(choose)"}</option>
        {props.headers
          .filter((h) => h.trim() !== "")
          .map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
      </Select>
    </Field>
  );
}

function SideMapping(props: {
  title: string;
  side: SideForm;
  headers: string[];
  error: string | null;
  onChange: (s: SideForm) => void;
  id: "left" | "right";
}): React.JSX.Element {
  const styles = useStyles();
  const { side, headers } = props;
  const set = (patch: Partial<SideForm>) => props.onChange({ ...side, ...patch });
  return (
    <div className={styles.side} data-testid={`recon-mapping-${props.id}`}>
      <Text weight="semibold">{props.title} columns</Text>
      {props.error && (
        <Text size={200} style={{ color: tokens.colorPaletteRedForeground1 }}>
          {props.error}
        </Text>
      )}
      <ColumnSelect
        label="Date"
        value={side.date}
        headers={headers}
        optional
        onChange={(v) => set({ date: v })}
        testid={`recon-${props.id}-date`}
      />
      <Field label="Amount is" size="small">
        <Select
          className={styles.fit}
          size="small"
          value={side.mode}
          onChange={(_, d) => set({ mode: d.value as SideForm["mode"] })}
          aria-label={`${props.title} amount is`}
        >
          <option value="single">one signed column</option>
          <option value="pair">money in / money out columns</option>
        </Select>
      </Field>
      {side.mode === "single" ? (
        <ColumnSelect
          label="Amount"
          value={side.amount}
          headers={headers}
          onChange={(v) => set({ amount: v })}
          testid={`recon-${props.id}-amount`}
        />
      ) : (
        <>
          <ColumnSelect
            label="Money in (Debit, Deposit)"
            value={side.moneyIn}
            headers={headers}
            onChange={(v) => set({ moneyIn: v })}
            testid={`recon-${props.id}-in`}
          />
          <ColumnSelect
            label="Money out (Credit, Withdrawal)"
            value={side.moneyOut}
            headers={headers}
            onChange={(v) => set({ moneyOut: v })}
            testid={`recon-${props.id}-out`}
          />
        </>
      )}
      <ColumnSelect
        label="Reference"
        value={side.reference}
        headers={headers}
        optional
        onChange={(v) => set({ reference: v })}
        testid={`recon-${props.id}-ref`}
      />
      <ColumnSelect
        label="Description"
        value={side.description}
        headers={headers}
        optional
        onChange={(v) => set({ description: v })}
        testid={`recon-${props.id}-desc`}
      />
    </div>
  );
}

/**
 * The Reconcile view: pick two tables, check the detected columns, set tolerances, run (with progress and
 * Cancel), review the suggested matches one by one, then write Recon Summary / Matched / Unmatched.
 * Source tables are never changed; highlighting their unmatched amounts is opt-in and removable.
 */
export function ReconcileView({ desk }: ViewProps): React.JSX.Element {
  const styles = useStyles();
  const [tables, setTables] = React.useState<TableInfo[]>([]);
  const [left, setLeft] = React.useState("");
  const [right, setRight] = React.useState("");
  const [form, setForm] = React.useState<ReconForm>(defaultForm);
  const [sideErrors, setSideErrors] = React.useState<{ left: string | null; right: string | null }>({
    left: null,
    right: null,
  });
  const [progress, setProgress] = React.useState<{ value: number; label: string } | null>(null);
  const [run, setRun] = React.useState<ReconRun | null>(null);
  const [decisions, setDecisions] = React.useState<Map<string, ReconDecision["decision"]>>(new Map());
  const [highlight, setHighlight] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [written, setWritten] = React.useState<string | null>(null);
  const [writing, setWriting] = React.useState(false);
  const abort = React.useRef<AbortController | null>(null);

  // Choosing a table detects its columns (the user can fix them below).
  const choose = (which: "left" | "right", name: string, list: TableInfo[]) => {
    const headers = list.find((t) => t.name === name)?.headers ?? [];
    const d = detectSide(headers, `${which === "left" ? "Left" : "Right"} table ${name}`);
    if (which === "left") setLeft(name);
    else setRight(name);
    setForm((f) => ({ ...f, [which]: d.side }));
    setSideErrors((e) => ({ ...e, [which]: name ? d.error : null }));
  };

  // Tables to offer (the add-in's own sheets left out), and the default pair: last run, else Bank and Ledger.
  React.useEffect(() => {
    let live = true;
    (async () => {
      const [sheets, all] = await Promise.all([desk.wb.sheets(), desk.wb.tables()]);
      const role = new Map(sheets.map((s) => [s.name.toLowerCase(), s.role]));
      const withTable = new Set(all.filter((t) => t.kind === "table").map((t) => t.sheet.toLowerCase()));
      const user = all.filter((t) => {
        const r = role.get(t.sheet.toLowerCase()) ?? null;
        if (r !== null && ADDIN_ROLE.test(r)) return false;
        return !(t.kind === "range" && withTable.has(t.sheet.toLowerCase()));
      });
      if (!live) return;
      setTables(user);
      const names = new Set(user.map((t) => t.name));
      if (names.has(left) && names.has(right)) return;
      let pair: { left: string; right: string } | null = null;
      const state = await loadReconState(desk.wb).catch(() => null);
      if (state && names.has(state.left) && names.has(state.right)) pair = state;
      if (!pair) pair = await findBankAndLedger(desk.wb).catch(() => null);
      if (!pair && user.length >= 2) pair = { left: user[0].name, right: user[1].name };
      if (live && pair) {
        choose("left", pair.left, user);
        choose("right", pair.right, user);
      }
    })().catch((e) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [desk.wb, desk.revision]);

  const headersOf = React.useCallback((name: string) => tables.find((t) => t.name === name)?.headers ?? [], [tables]);

  const start = async () => {
    setError(null);
    setWritten(null);
    const r = rulesFromForm(form);
    if ("error" in r) {
      setError(r.error);
      return;
    }
    if (!left || !right || left === right) {
      setError("Choose two different tables to reconcile.");
      return;
    }
    const ctrl = new AbortController();
    abort.current = ctrl;
    setRun(null);
    setDecisions(new Map());
    setProgress({ value: 0, label: "Starting" });
    try {
      const res = await runRecon(desk.wb, {
        left,
        right,
        rules: r.rules,
        signal: ctrl.signal,
        progress: (done, total, label) => setProgress({ value: total ? done / total : 0, label: label ?? "" }),
      });
      setRun(res);
    } catch (e) {
      if (e instanceof ReconCancelled) desk.notify("Reconciliation cancelled.", "info");
      else setError((e as Error).message);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const decide = (key: string, d: ReconDecision["decision"]) =>
    setDecisions((m) => {
      const n = new Map(m);
      if (n.get(key) === d) n.delete(key);
      else n.set(key, d);
      return n;
    });

  const write = async () => {
    if (!run) return;
    setWriting(true);
    setError(null);
    try {
      const list: ReconDecision[] = [...decisions].map(([key, decision]) => ({ key, decision }));
      const final = withDecisions(run, list);
      await writeReconResults(desk.wb, final, { highlightSources: highlight });
      const s = final.json.summary;
      const msg = `Wrote ${RECON_SUMMARY_SHEET}, Recon Matched and Recon Unmatched: ${final.json.matches.length} matches, ${
        s.left - s.matchedLeft
      } + ${s.right - s.matchedRight} items unmatched.`;
      setWritten(msg);
      desk.changed();
      desk.showSheet(RECON_SUMMARY_SHEET);
      desk.notify(msg, "success");
    } catch (e) {
      setError((e as Error).message);
      desk.notify(`Results not written: ${(e as Error).message}`, "error");
    } finally {
      setWriting(false);
    }
  };

  const running = progress !== null;
  const suggested = run ? run.result.matches.filter((m) => m.status === "suggested") : [];
  const s = run?.json.summary;
  const money = (c: number) => formatCents(c, "en-IN");
  const sideAmount = (side: "left" | "right", items: number[]) => {
    const p = side === "left" ? run!.result.left : run!.result.right;
    return items.map((i) => `row ${p.row[i]} (${money(p.cents[i])})`).join(", ");
  };

  return (
    <div className={styles.root}>
      <div className={styles.two}>
        <Field label="Left (e.g. bank statement)">
          <Select
            value={left}
            onChange={(_, d) => choose("left", d.value, tables)}
            aria-label="Left table"
            data-testid="recon-left"
          >
            <option value="">(choose a table)</option>
            {tables.map((t) => (
              <option key={`${t.kind}:${t.name}`} value={t.name}>
                {t.name} — {t.rowCount} rows
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Right (e.g. ledger)">
          <Select
            value={right}
            onChange={(_, d) => choose("right", d.value, tables)}
            aria-label="Right table"
            data-testid="recon-right"
          >
            <option value="">(choose a table)</option>
            {tables.map((t) => (
              <option key={`${t.kind}:${t.name}`} value={t.name}>
                {t.name} — {t.rowCount} rows
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <div className={styles.two}>
        <SideMapping
          id="left"
          title="Left"
          side={form.left}
          headers={headersOf(left)}
          error={sideErrors.left}
          onChange={(v) => setForm((f) => ({ ...f, left: v }))}
        />
        <SideMapping
          id="right"
          title="Right"
          side={form.right}
          headers={headersOf(right)}
          error={sideErrors.right}
          onChange={(v) => setForm((f) => ({ ...f, right: v }))}
        />
      </div>

      <div className={styles.three}>
        <SmallNumber
          label="Amount tolerance"
          hint="absolute"
          ariaLabel="Amount tolerance"
          value={form.toleranceAmount}
          onChange={(v) => setForm((f) => ({ ...f, toleranceAmount: v }))}
        />
        <SmallNumber
          label="or percent"
          hint="of the left amount"
          ariaLabel="Percent tolerance"
          value={form.tolerancePercent}
          onChange={(v) => setForm((f) => ({ ...f, tolerancePercent: v }))}
        />
        <SmallNumber
          label="Date window"
          hint="days either side"
          ariaLabel="Date window in days"
          whole
          value={form.dateWindowDays}
          onChange={(v) => setForm((f) => ({ ...f, dateWindowDays: v }))}
        />
      </div>
      <Checkbox
        checked={form.flipRight}
        onChange={(_, d) => setForm((f) => ({ ...f, flipRight: d.checked === true }))}
        label="Reverse the right side's sign (both tables show the same account from the same side)"
      />

      <div className={styles.row}>
        <Button appearance="primary" disabled={running} onClick={() => void start()} data-testid="recon-run">
          {running ? "Matching…" : "Run reconciliation"}
        </Button>
        {running && (
          <Button onClick={() => abort.current?.abort()} data-testid="recon-cancel">
            Cancel
          </Button>
        )}
      </div>
      {progress && (
        <Field validationMessage={progress.label} validationState="none">
          <ProgressBar value={progress.value} aria-label={`Reconciling: ${progress.label}`} />
        </Field>
      )}

      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Cannot reconcile.</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}

      {run && s && (
        <section aria-label="Reconciliation result" data-testid="recon-summary" className={styles.side}>
          <Text weight="semibold">
            {run.json.matches.length} matches ({run.json.matches.length - suggested.length} confirmed,{" "}
            {suggested.length} suggested)
          </Text>
          <div className={styles.stats}>
            <Text />
            <Text weight="semibold">{run.left}</Text>
            <Text weight="semibold">{run.right}</Text>
            <Text>Matched items</Text>
            <Text>
              {s.matchedLeft} of {s.left}
            </Text>
            <Text>
              {s.matchedRight} of {s.right}
            </Text>
            <Text>Unmatched amount</Text>
            <Text>{money(Math.round(s.unmatchedLeftAmount * 100))}</Text>
            <Text>{money(Math.round(s.unmatchedRightAmount * 100))}</Text>
          </div>
          {run.result.excluded.length > 0 && (
            <Text size={200} className={styles.muted}>
              {run.result.excluded.length} row(s) left out (amount not a number), e.g. row {run.result.excluded[0].row}:{" "}
              {run.result.excluded[0].message}
            </Text>
          )}
          {suggested.length > 0 && <Text weight="semibold">Suggested matches: accept or reject each</Text>}
          <ul className={styles.list}>
            {suggested.map((m) => {
              const key = matchKey(run.result, m);
              const d = decisions.get(key);
              return (
                <li key={key} className={styles.item} data-testid="recon-suggestion" data-decision={d ?? ""}>
                  <Text size={200}>
                    <b>{m.id}</b> · {m.rule} · score {m.score.toFixed(2)} · difference {money(m.differenceCents)}
                  </Text>
                  <Text size={200}>
                    {run.left} {sideAmount("left", m.left)} ↔ {run.right} {sideAmount("right", m.right)}
                  </Text>
                  <Text size={200} className={styles.muted}>
                    {m.reason}
                  </Text>
                  <div className={styles.row}>
                    <ToggleButton
                      size="small"
                      checked={d === "accept"}
                      onClick={() => decide(key, "accept")}
                      aria-label={`Accept ${m.id}`}
                      data-testid="recon-accept"
                    >
                      Accept
                    </ToggleButton>
                    <ToggleButton
                      size="small"
                      checked={d === "reject"}
                      onClick={() => decide(key, "reject")}
                      aria-label={`Reject ${m.id}`}
                      data-testid="recon-reject"
                    >
                      Reject
                    </ToggleButton>
                  </div>
                </li>
              );
            })}
          </ul>
          <Checkbox
            checked={highlight}
            onChange={(_, d) => setHighlight(d.checked === true)}
            label="Also highlight unmatched amounts in the two source tables (removable; values are not changed)"
          />
          <div>
            <Button appearance="primary" disabled={writing} onClick={() => void write()} data-testid="recon-write">
              {writing ? "Writing…" : "Write results"}
            </Button>
          </div>
          {written && (
            <MessageBar intent="success" layout="multiline" data-testid="recon-written">
              <MessageBarBody>{written}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
    </div>
  );
}
