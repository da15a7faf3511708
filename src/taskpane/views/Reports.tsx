import * as React from "react";
import {
  Button,
  Card,
  CardHeader,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { isoFromSerial, serialFromIso, todaySerial } from "../../core/dates";
import { generateSample } from "../../core/sample";
import type { TableInfo, UserEdits } from "../../workbook/port";
import {
  REPORT_INPUTS,
  REPORT_KINDS,
  REPORT_NEEDS,
  REPORT_TITLES,
  ReportCancelled,
  ReportInputMissing,
  candidateTables,
  runReportJob,
  type ReportInputName,
  type ReportKind,
  type UserEditsChoice,
} from "../../workbook/jobs/reports";
import { describeUserEdits } from "../../workbook/user-edits";
import { takeRequestedReport } from "../bridge";
import { Quiet } from "../live";
import type { ViewProps } from "../desk-context";

const DESCRIPTIONS: Record<ReportKind, string> = {
  aging: "Who owes us and for how long: open invoices by days past due, per customer, with DSO.",
  payroll: "The month's register: gross, PF, ESI, PT, TDS and net per employee, with employer cost.",
  sla: "Turnaround in working hours, SLA adherence, QC accuracy and backlog by agent and process.",
  quality: "Every finding of the validation rules over the recognised tables.",
  recon: "The last reconciliation (or Bank vs Ledger): matched, suggested and unmatched items.",
  brs: "Bank reconciliation statement: bank balance to book balance, line by line, with its items.",
};

/** Every input a report reads, for the "Choose input tables" pickers. */
const ALL_INPUTS = Object.keys(REPORT_INPUTS) as ReportInputName[];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  cards: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(220px, 100%), 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  card: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  desc: { color: tokens.colorNeutralForeground2 },
  pickers: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  outcomeTitle: {
    margin: `0 0 ${tokens.spacingVerticalXXS}`,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
});

/**
 * What a run came to, under a heading the view focuses once the run is over; said through the pane's live
 * region by the view itself (desk.announce), so the MessageBar stays quiet.
 */
function Outcome({
  intent,
  title,
  ref,
  children,
}: {
  intent: "success" | "warning" | "error";
  title: string;
  ref: React.Ref<HTMLHeadingElement>;
  children: React.ReactNode;
}): React.JSX.Element {
  const styles = useStyles();
  return (
    <Quiet>
      <MessageBar intent={intent} layout="multiline">
        <MessageBarBody>
          <h2 ref={ref} tabIndex={-1} className={styles.outcomeTitle}>
            {title}
          </h2>
          {children}
        </MessageBarBody>
      </MessageBar>
    </Quiet>
  );
}

/** The as-of date a run starts with: today inside Excel; in the workbench, the demo data's month end. */
function defaultAsOf(host: "excel" | "workbench"): string {
  return isoFromSerial(host === "workbench" ? generateSample().asOf : todaySerial());
}

interface Pending {
  kind: ReportKind;
  input: ReportInputName;
  message: string;
}

/**
 * The Reports view: one card per report, an as-of date, and, when a report's input table cannot be
 * found by name or headers, a picker asking which table to use. A run shows progress, then the sheet.
 */
export function ReportsView({ desk }: ViewProps): React.JSX.Element {
  const styles = useStyles();
  const [asOfText, setAsOfText] = React.useState(() => defaultAsOf(desk.host));
  // Until the user picks a date, payroll behaves as the ribbon does: after month end, the month just closed.
  const [asOfChosen, setAsOfChosen] = React.useState(false);
  const [running, setRunning] = React.useState<ReportKind | null>(null);
  const [progress, setProgress] = React.useState<{ value: number; label: string } | null>(null);
  // What the ribbon asked for when it needed input: preselected, with its table picker shown straight away.
  const [requested] = React.useState<ReportKind | null>(() => takeRequestedReport());
  const [pending, setPending] = React.useState<Pending | null>(() =>
    requested && REPORT_NEEDS[requested].length
      ? {
          kind: requested,
          input: REPORT_NEEDS[requested][0],
          message: `Choose the table the ${REPORT_TITLES[requested].toLowerCase()} should read.`,
        }
      : null,
  );
  const [showPickers, setShowPickers] = React.useState(false);
  const [chosen, setChosen] = React.useState<Partial<Record<ReportInputName, string>>>({});
  const [tables, setTables] = React.useState<TableInfo[]>([]);
  const [result, setResult] = React.useState<{ kind: ReportKind; message: string } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  /** The outcome's heading: focused after a run, so the keyboard and a screen reader land on what happened. */
  const outcomeRef = React.useRef<HTMLHeadingElement>(null);
  const [outcomeAt, setOutcomeAt] = React.useState(0);
  React.useEffect(() => {
    if (outcomeAt) outcomeRef.current?.focus();
  }, [outcomeAt]);
  // A report about to replace sheets the user edited: what was found, and how the user answers.
  const [editsAsked, setEditsAsked] = React.useState<{
    edits: UserEdits[];
    answer: (choice: UserEditsChoice) => void;
  } | null>(null);
  const askAboutEdits = (edits: UserEdits[]) =>
    new Promise<UserEditsChoice>((resolve) =>
      setEditsAsked({
        edits,
        answer: (choice) => {
          setEditsAsked(null);
          resolve(choice);
        },
      }),
    );

  const asOf = serialFromIso(asOfText);

  React.useEffect(() => {
    let live = true;
    candidateTables(desk.wb)
      .then((t) => live && setTables(t))
      .catch(() => live && setTables([]));
    return () => {
      live = false;
    };
  }, [desk.wb, desk.revision]);

  const run = async (kind: ReportKind, sources: Partial<Record<ReportInputName, string>> = chosen): Promise<void> => {
    if (asOf === null) {
      setError("Enter the as-of date as YYYY-MM-DD, e.g. 2025-03-31.");
      return;
    }
    setRunning(kind);
    setError(null);
    setResult(null);
    setProgress({ value: 0, label: "Starting" });
    try {
      const r = await runReportJob(desk.wb, kind, {
        asOf,
        sources,
        activate: true,
        latestMonthIfMissing: !asOfChosen,
        onUserEdits: askAboutEdits,
        progress: (done, total, label) => setProgress({ value: total ? done / total : 0, label: label ?? "" }),
      });
      const message = [r.message, ...r.userEditsNotes].join(" ");
      setPending(null);
      setResult({ kind, message });
      desk.changed();
      desk.showSheet(r.sheet);
      desk.announce(`${REPORT_TITLES[kind]} written. ${message}`);
    } catch (e) {
      if (e instanceof ReportCancelled) {
        desk.notify(e.message, "info");
      } else if (e instanceof ReportInputMissing) {
        setPending({ kind, input: e.input, message: e.message });
        desk.announce(`${REPORT_TITLES[kind]} needs a table. ${e.message}`);
      } else {
        setError((e as Error).message);
        desk.announce(`The report did not run. ${(e as Error).message}`);
      }
    } finally {
      setOutcomeAt((n) => n + 1);
      setRunning(null);
      setProgress(null);
    }
  };

  return (
    <div className={styles.root}>
      <Field
        label="As of"
        hint="Reports are computed as of the end of this day."
        validationMessage={asOf === null ? "Use the form YYYY-MM-DD" : undefined}
      >
        <Input
          type="date"
          value={asOfText}
          onChange={(_, d) => {
            setAsOfText(d.value);
            setAsOfChosen(true);
          }}
          aria-label="As-of date"
          data-testid="report-as-of"
        />
      </Field>

      {pending && (
        <Outcome intent="warning" title={`${REPORT_TITLES[pending.kind]} needs a table.`} ref={outcomeRef}>
          {pending.message}
        </Outcome>
      )}
      {(pending || showPickers) && (
        <div className={styles.pickers}>
          {(pending ? REPORT_NEEDS[pending.kind] : ALL_INPUTS).map((input) => (
            <Field
              key={input}
              label={`${REPORT_INPUTS[input].title} table`}
              hint={`Headers: ${REPORT_INPUTS[input].headers}`}
            >
              <Select
                value={chosen[input] ?? ""}
                onChange={(_, d) => setChosen((c) => ({ ...c, [input]: d.value || undefined }))}
                aria-label={`${REPORT_INPUTS[input].title} table`}
              >
                <option value="">Find it for me</option>
                {tables.map((t) => (
                  <option key={`${t.kind}:${t.name}`} value={t.name}>
                    {t.name}
                    {t.sheet !== t.name ? ` (${t.sheet})` : ""} — {t.rowCount} rows
                  </option>
                ))}
              </Select>
            </Field>
          ))}
          {pending && (
            <div>
              <Button appearance="primary" disabled={running !== null} onClick={() => void run(pending.kind)}>
                Run {REPORT_TITLES[pending.kind].toLowerCase()}
              </Button>
            </div>
          )}
        </div>
      )}
      {!pending && (
        <div>
          <Button
            appearance="subtle"
            size="small"
            onClick={() => setShowPickers((v) => !v)}
            aria-expanded={showPickers}
          >
            {showPickers ? "Hide input tables" : "Choose input tables…"}
          </Button>
        </div>
      )}

      {editsAsked && (
        <MessageBar intent="warning" layout="multiline" data-testid="report-user-edits">
          <MessageBarBody>
            <MessageBarTitle>
              You changed {editsAsked.edits.length === 1 ? "this sheet" : "these sheets"}.
            </MessageBarTitle>
            {editsAsked.edits.map((e) => `"${e.sheet}" has your ${describeUserEdits(e)}.`).join(" ")} Running the report
            replaces {editsAsked.edits.length === 1 ? "it" : "them"}: keep a copy of what is there now?
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => editsAsked.answer("keep-copy")}>
              Keep a copy
            </Button>
            <Button onClick={() => editsAsked.answer("replace")}>Replace</Button>
            <Button appearance="subtle" onClick={() => editsAsked.answer("cancel")}>
              Cancel
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {progress && (
        <Field validationMessage={progress.label} validationState="none">
          <ProgressBar value={progress.value} aria-label={`Running report: ${progress.label}`} />
        </Field>
      )}

      {error && (
        <Outcome intent="error" title="The report did not run." ref={outcomeRef}>
          {error}
        </Outcome>
      )}
      {result && (
        <Outcome intent="success" title={`${REPORT_TITLES[result.kind]} written`} ref={outcomeRef}>
          <span data-testid="report-result">{result.message}</span>
        </Outcome>
      )}

      <div className={styles.cards}>
        {REPORT_KINDS.map((kind) => (
          <Card key={kind} className={styles.card} size="small" data-report={kind}>
            <CardHeader header={<Text weight="semibold">{REPORT_TITLES[kind]}</Text>} />
            <Text size={200} className={styles.desc}>
              {DESCRIPTIONS[kind]}
            </Text>
            <div>
              <Button
                appearance={requested === kind ? "primary" : "secondary"}
                disabled={running !== null}
                onClick={() => void run(kind)}
                data-testid={`run-report-${kind}`}
                aria-label={`Run ${REPORT_TITLES[kind].toLowerCase()}`}
              >
                {running === kind ? "Running…" : "Run"}
              </Button>
            </div>
          </Card>
        ))}
      </div>
    </div>
  );
}
