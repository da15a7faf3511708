import * as React from "react";
import { Field, Select, Text } from "@fluentui/react-components";
import type { SideForm } from "./model";
import { useReconStyles } from "./styles";

function ColumnSelect(props: {
  label: string;
  value: string;
  headers: string[];
  optional?: boolean;
  onChange: (v: string) => void;
  testid: string;
  ariaLabel: string;
}): React.JSX.Element {
  const styles = useReconStyles();
  return (
    <Field label={props.label} size="small">
      <Select
        className={styles.fit}
        size="small"
        value={props.value}
        onChange={(_, d) => props.onChange(d.value)}
        aria-label={props.ariaLabel}
        data-testid={props.testid}
      >
        {/* An optional column left blank is found by the detector, when the table has one. */}
        <option value="">{props.optional ? "(detect)" : "(choose)"}</option>
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

/** The columns one side is read with: detected, restored from the last run or a profile, then fixed by hand. */
export function SideMapping(props: {
  title: string;
  side: SideForm;
  headers: string[];
  onChange: (s: SideForm) => void;
  id: "left" | "right";
}): React.JSX.Element {
  const styles = useReconStyles();
  const { side, headers, id, title } = props;
  const set = (patch: Partial<SideForm>) => props.onChange({ ...side, ...patch });
  const col = (label: string, key: keyof SideForm, testid: string, optional = false) => (
    <ColumnSelect
      label={label}
      value={side[key]}
      headers={headers}
      optional={optional}
      onChange={(v) => set({ [key]: v })}
      testid={`recon-${id}-${testid}`}
      ariaLabel={`${title} ${label.toLowerCase()}`}
    />
  );
  return (
    <div className={styles.side} data-testid={`recon-mapping-${id}`}>
      <Text weight="semibold">{title} columns</Text>
      {col("Date", "date", "date", true)}
      <Field label="Dates read" size="small">
        <Select
          className={styles.fit}
          size="small"
          value={side.dateOrder}
          onChange={(_, d) => set({ dateOrder: d.value as SideForm["dateOrder"] })}
          aria-label={`${title} dates read`}
          data-testid={`recon-${id}-date-order`}
        >
          <option value="">as the values prove</option>
          <option value="DMY">day first (31/10)</option>
          <option value="MDY">month first (10/31)</option>
          <option value="YMD">year first</option>
        </Select>
      </Field>
      <Field label="Amount is" size="small">
        <Select
          className={styles.fit}
          size="small"
          value={side.mode}
          onChange={(_, d) => set({ mode: d.value as SideForm["mode"] })}
          aria-label={`${title} amount is`}
          data-testid={`recon-${id}-mode`}
        >
          <option value="single">one signed column</option>
          <option value="pair">money in / money out columns</option>
        </Select>
      </Field>
      {side.mode === "single" ? (
        <>
          {col("Amount", "amount", "amount")}
          {col("Dr/Cr column", "indicator", "indicator", true)}
        </>
      ) : (
        <>
          {col("Money in (Debit, Deposit)", "moneyIn", "in")}
          {col("Money out (Credit, Withdrawal)", "moneyOut", "out")}
        </>
      )}
      {col("Reference", "reference", "ref", true)}
      {col("Description", "description", "desc", true)}
      {col("Balance", "balance", "balance", true)}
    </div>
  );
}
