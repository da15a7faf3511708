/**
 * The suggested matches, reviewed with the keyboard: a list box (roving focus: the current suggestion
 * holds the focus), ↑/↓/Home/End move, A accepts, R rejects, the same key again takes the decision back;
 * the keys are shown above the list and each decision is said through the pane's live region. A decision
 * moves on to the next suggestion not decided yet. Accepted and rejected read as words and marks (✓, ✗,
 * a struck-through amount), not by colour alone. Bulk accept takes every suggestion shown at or above a
 * score, after a confirmation that says how many.
 */
import * as React from "react";
import { Button, Field, Input, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { formatCents } from "../../../core/money";
import { ConfirmDialog } from "../../ConfirmDialog";
import { bulkCandidates, type Decision, type QueueRow } from "./queue";
import { useReconStyles } from "./styles";

const useStyles = makeStyles({
  listbox: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  option: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: "4px",
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: "anywhere",
    cursor: "pointer",
    outlineStyle: "none",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected },
  accepted: { borderLeftColor: tokens.colorPaletteGreenBorderActive, borderLeftStyle: "solid" },
  rejected: { borderLeftColor: tokens.colorNeutralStrokeAccessible, borderLeftStyle: "dashed" },
  struck: { textDecorationLine: "line-through" },
  chip: {
    alignSelf: "flex-start",
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusSmall,
    fontWeight: tokens.fontWeightSemibold,
    border: `1px solid transparent`,
  },
  chipAccepted: {
    color: tokens.colorPaletteGreenForeground1,
    backgroundColor: tokens.colorPaletteGreenBackground1,
    border: `1px solid ${tokens.colorPaletteGreenBorder1}`,
  },
  chipRejected: {
    color: tokens.colorPaletteRedForeground1,
    backgroundColor: tokens.colorPaletteRedBackground1,
    border: `1px solid ${tokens.colorPaletteRedBorder1}`,
  },
  chipOpen: { color: tokens.colorNeutralForeground2, border: `1px solid ${tokens.colorNeutralStroke1}` },
  head: { fontWeight: tokens.fontWeightSemibold },
});

/** Suggestions listed at once; the filters narrow a longer queue (bulk accept still takes every one they let through). */
const QUEUE_LIMIT = 200;

const STATE_TEXT: Record<"accept" | "reject" | "open", string> = {
  accept: "✓ Accepted",
  reject: "✗ Rejected",
  open: "○ To review",
};

export interface ReviewQueueProps {
  rows: QueueRow[];
  /** How many suggestions the run has, filters aside. */
  total: number;
  names: { left: string; right: string };
  decide(key: string, decision: Decision): void;
  acceptMany(keys: string[]): void;
  announce(message: string): void;
}

function sideText(name: string, items: QueueRow["left"]): string {
  return `${name} row${items.length === 1 ? "" : "s"} ${items.map((x) => `${x.row} (${formatCents(x.cents, "en-IN")})`).join(", ")}`;
}

export function ReviewQueue({
  rows: filtered,
  total,
  names,
  decide,
  acceptMany,
  announce,
}: ReviewQueueProps): React.JSX.Element {
  const rows = filtered.length > QUEUE_LIMIT ? filtered.slice(0, QUEUE_LIMIT) : filtered;
  const styles = useStyles();
  const shared = useReconStyles();
  const keysId = React.useId();
  const [current, setCurrent] = React.useState(0);
  // A move asks for the focus to follow once the new current option has rendered.
  const [focusTick, setFocusTick] = React.useState(0);
  const refs = React.useRef<(HTMLDivElement | null)[]>([]);
  const [scoreText, setScoreText] = React.useState("0.80");
  const [confirming, setConfirming] = React.useState(false);
  const at = Math.min(current, Math.max(0, rows.length - 1));

  React.useEffect(() => {
    if (focusTick) refs.current[at]?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusTick]);

  const moveTo = (i: number) => {
    setCurrent(Math.max(0, Math.min(rows.length - 1, i)));
    setFocusTick((n) => n + 1);
  };

  const decidedCount = (key: string, now: Decision | null) =>
    filtered.filter((r) => (r.key === key ? now !== null : r.decision !== null)).length;

  const take = (i: number, decision: Decision) => {
    const row = rows[i];
    if (!row) return;
    const now = row.decision === decision ? null : decision;
    decide(row.key, decision);
    const n = decidedCount(row.key, now);
    announce(
      `${row.id} ${now === "accept" ? "accepted" : now === "reject" ? "rejected" : "back to review"}. ${n} of ${filtered.length} decided.`,
    );
    // On to the next suggestion still to review (after this one, then from the top); stay when none is left.
    if (now !== null) {
      const order = [...rows.keys()].slice(i + 1).concat([...rows.keys()].slice(0, i));
      const next = order.find((k) => rows[k].decision === null && rows[k].key !== row.key);
      if (next !== undefined) moveTo(next);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (k === "ArrowDown") moveTo(at + 1);
    else if (k === "ArrowUp") moveTo(at - 1);
    else if (k === "Home") moveTo(0);
    else if (k === "End") moveTo(rows.length - 1);
    else if (k === "a" || k === "A") take(at, "accept");
    else if (k === "r" || k === "R") take(at, "reject");
    else return;
    e.preventDefault();
  };

  const threshold = Number(scoreText);
  const scoreOk = scoreText.trim() !== "" && Number.isFinite(threshold) && threshold >= 0 && threshold <= 1;
  const candidates = scoreOk ? bulkCandidates(filtered, threshold) : [];
  const thresholdText = scoreOk ? threshold.toFixed(2) : scoreText;

  if (!rows.length)
    return (
      <Text size={200} className={shared.muted}>
        {total ? "No suggestion matches the filters." : "No suggestions: every match the engine found is confirmed."}
      </Text>
    );
  const cur = rows[at];
  return (
    <>
      <p
        id={keysId}
        className={shared.muted}
        style={{ margin: 0, fontSize: tokens.fontSizeBase200 }}
        data-testid="recon-keys"
      >
        Keys: <kbd className={shared.kbd}>↑</kbd> <kbd className={shared.kbd}>↓</kbd> move ·{" "}
        <kbd className={shared.kbd}>A</kbd> accept · <kbd className={shared.kbd}>R</kbd> reject · the same key again
        takes it back
      </p>
      <div
        role="listbox"
        aria-label="Suggested matches"
        aria-describedby={keysId}
        className={styles.listbox}
        onKeyDown={onKeyDown}
        data-testid="recon-queue"
      >
        {rows.map((r, i) => {
          const state = r.decision ?? "open";
          return (
            <div
              key={r.key}
              ref={(el) => {
                refs.current[i] = el;
              }}
              role="option"
              aria-selected={i === at}
              aria-keyshortcuts="A R"
              tabIndex={i === at ? 0 : -1}
              className={mergeClasses(
                styles.option,
                i === at && styles.current,
                r.decision === "accept" && styles.accepted,
                r.decision === "reject" && styles.rejected,
              )}
              onClick={() => setCurrent(i)}
              onFocus={() => setCurrent(i)}
              data-testid="recon-suggestion"
              data-decision={r.decision ?? ""}
            >
              <span
                className={mergeClasses(
                  styles.chip,
                  state === "accept" ? styles.chipAccepted : state === "reject" ? styles.chipRejected : styles.chipOpen,
                )}
              >
                {STATE_TEXT[state]}
              </span>
              <span className={styles.head}>
                {r.id} · {r.rule} · score {r.score.toFixed(2)} · difference {formatCents(r.differenceCents, "en-IN")}
              </span>
              <span className={r.decision === "reject" ? styles.struck : undefined}>
                {sideText(names.left, r.left)}
                {r.left[0]?.text ? `: ${r.left[0].text}` : ""}
              </span>
              <span className={r.decision === "reject" ? styles.struck : undefined}>
                ↔ {sideText(names.right, r.right)}
                {r.right[0]?.text ? `: ${r.right[0].text}` : ""}
              </span>
              <span className={shared.muted}>{r.reason}</span>
            </div>
          );
        })}
      </div>
      <div className={shared.row}>
        <Button size="small" onClick={() => take(at, "accept")} data-testid="recon-accept">
          {cur.decision === "accept" ? `Take back ${cur.id} (A)` : `Accept ${cur.id} (A)`}
        </Button>
        <Button size="small" onClick={() => take(at, "reject")} data-testid="recon-reject">
          {cur.decision === "reject" ? `Take back ${cur.id} (R)` : `Reject ${cur.id} (R)`}
        </Button>
      </div>
      <div className={shared.rowEnd}>
        <Field
          label="Accept all scoring at least"
          size="small"
          validationMessage={scoreOk ? undefined : "A score from 0 to 1, e.g. 0.80"}
          style={{ flex: "1 1 120px" }}
        >
          <Input
            size="small"
            value={scoreText}
            onChange={(_, d) => setScoreText(d.value)}
            inputMode="decimal"
            data-testid="recon-bulk-score"
          />
        </Field>
        <Button size="small" disabled={!candidates.length} onClick={() => setConfirming(true)} data-testid="recon-bulk">
          Accept {candidates.length} at {thresholdText} or more…
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Accept ${candidates.length} suggested match${candidates.length === 1 ? "" : "es"}?`}
        confirm={`Accept ${candidates.length}`}
        cancel="Cancel"
        onConfirm={() => {
          setConfirming(false);
          acceptMany(candidates.map((c) => c.key));
          // The bulk button is disabled now (nothing left at that score): the focus goes back to the list.
          setFocusTick((n) => n + 1);
          announce(
            `${candidates.length} suggestion${candidates.length === 1 ? "" : "s"} accepted: ${candidates.map((c) => c.id).join(", ")}.`,
          );
        }}
        onCancel={() => setConfirming(false)}
      >
        {candidates.length === 1 ? "The suggestion" : `The ${candidates.length} suggestions`} the filters show that
        score {thresholdText} or more and are not decided yet ({candidates.map((c) => c.id).join(", ")}) will be
        accepted. Decided ones stay as they are, and any can be taken back with A or R.
      </ConfirmDialog>
    </>
  );
}
