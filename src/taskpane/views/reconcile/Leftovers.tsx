/**
 * What is left after matching, as a reconciler reads it: per side, every item not matched with its
 * category (bank charge not in the books, deposit in transit, unpresented cheque, possible error ...),
 * why, and the suggested action, with money in and money out totalled apart (one total would let
 * offsetting items hide each other); then the rows left out of matching with their reasons, and the
 * warnings of the run.
 */
import * as React from "react";
import { Text } from "@fluentui/react-components";
import { formatCents } from "../../../core/money";
import { isoFromSerial } from "../../../core/dates";
import type { ReconResult, ReviewItem } from "../../../core/recon";
import { inAndOut } from "./queue";
import { useReconStyles } from "./styles";

/** Items shown per list; the filters narrow a longer one. */
export const LIST_LIMIT = 100;

function More({ shown, total }: { shown: number; total: number }): React.JSX.Element | null {
  const styles = useReconStyles();
  if (total <= shown) return null;
  return (
    <Text size={200} className={styles.muted}>
      Showing {shown} of {total.toLocaleString("en-US")}: narrow them with the filters above.
    </Text>
  );
}

export function UnmatchedSide(props: {
  id: string;
  title: string;
  items: ReviewItem[];
  /** Before the filters. */
  total: number;
}): React.JSX.Element {
  const styles = useReconStyles();
  const { inCents, outCents } = inAndOut(props.items);
  const shown = props.items.slice(0, LIST_LIMIT);
  return (
    <section aria-labelledby={props.id} className={styles.side} data-testid="recon-unmatched">
      <h3 id={props.id} className={styles.h3}>
        {props.title}: {props.items.length}
        {props.items.length !== props.total ? ` of ${props.total}` : ""} not matched
      </h3>
      {props.items.length > 0 && (
        <Text size={200} className={styles.muted}>
          Money in {formatCents(inCents, "en-IN")} · money out {formatCents(outCents, "en-IN")}
        </Text>
      )}
      {shown.length > 0 && (
        <ul className={styles.list}>
          {shown.map((x) => (
            <li
              key={`${x.side}:${x.item}`}
              className={styles.item}
              data-testid="recon-item"
              data-category={x.category}
              data-row={x.row}
            >
              <strong>{x.label}</strong>
              <span>
                Row {x.row} · {x.day === null ? "no date" : isoFromSerial(x.day)} ·{" "}
                {formatCents(x.amountCents, "en-IN")}
                {x.description || x.reference ? ` · ${x.description || x.reference}` : ""}
              </span>
              <span className={styles.muted}>Why: {x.why}</span>
              <span>Suggested: {x.action}</span>
            </li>
          ))}
        </ul>
      )}
      <More shown={shown.length} total={props.items.length} />
    </section>
  );
}

/** The rows left out of matching (not transactions, or no usable amount), with their reasons; then the warnings. */
export function ExcludedAndWarnings({
  result,
  names,
}: {
  result: ReconResult;
  names: { left: string; right: string };
}): React.JSX.Element {
  const styles = useReconStyles();
  const excluded = result.excluded.slice(0, LIST_LIMIT);
  const warnings = result.warnings.slice(0, LIST_LIMIT);
  return (
    <>
      <section aria-labelledby="recon-excluded-h" className={styles.side} data-testid="recon-excluded">
        <h3 id="recon-excluded-h" className={styles.h3}>
          Left out of matching: {result.excluded.length}
        </h3>
        {result.excluded.length === 0 ? (
          <Text size={200} className={styles.muted}>
            Every row of both sides was read as a transaction.
          </Text>
        ) : (
          <ul className={styles.plain}>
            {excluded.map((e) => (
              <li key={`${e.side}:${e.row}`}>
                {names[e.side]} row {e.row}: {e.reason ?? e.message}
              </li>
            ))}
          </ul>
        )}
        <More shown={excluded.length} total={result.excluded.length} />
      </section>
      {result.warnings.length > 0 && (
        <section aria-labelledby="recon-warnings-h" className={styles.side} data-testid="recon-warnings">
          <h3 id="recon-warnings-h" className={styles.h3}>
            Warnings: {result.warnings.length}
          </h3>
          <ul className={styles.plain}>
            {warnings.map((w, k) => (
              <li key={k}>
                {names[w.side]}
                {w.row ? ` row ${w.row}` : ""}
                {w.column ? ` (${w.column})` : ""}: {w.message}
              </li>
            ))}
          </ul>
          <More shown={warnings.length} total={result.warnings.length} />
        </section>
      )}
    </>
  );
}
