import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { DateOrder } from "../../../core/dates";
import { isoDateTimeFromSerial, isoFromSerial } from "../../../core/dates";
import type { CellValue } from "../../../core/sheet-spec";
import { checkRecord, type Issue } from "../../../core/validation";
import { appendEntry, ENTRY_LOG_SHEET } from "../../../workbook/jobs/entry";
import type { DeskContext } from "../../desk-context";
import {
  initialValues,
  needsExistingKeys,
  placeholderFor,
  rawRecord,
  readExistingKeys,
  rowFor,
  withEntry,
  type FormModel,
  type FormValues,
} from "./model";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  keys: { color: tokens.colorNeutralForeground3 },
});

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** How a typed date was read, spelled out so 03/04 cannot be misread: "Reads as 3 Apr 2025". */
function readsAs(type: string, v: CellValue | undefined): string {
  if (typeof v !== "number" || (type !== "date" && type !== "timestamp")) return "";
  const [y, m, d] = isoFromSerial(v).split("-").map(Number);
  const time = type === "timestamp" ? ` ${isoDateTimeFromSerial(v).slice(11, 16)}` : "";
  return `Reads as ${d} ${MONTHS[m - 1]} ${y}${time}`;
}

export interface EntryFormProps {
  desk: DeskContext;
  /** Table name as the Workbook port reads it. */
  source: string;
  model: FormModel;
  order: DateOrder;
}

/**
 * The entry form of one table, generated from its schema. Keyboard first: Tab moves through the fields
 * in the table's column order, Enter submits from any field, Esc clears; after a submit the focus goes
 * back to the first field. A field's message appears once it has been left (or on submit) and then
 * follows every keystroke; nothing is written while any field is invalid.
 */
export function EntryForm({ desk, source, model, order }: EntryFormProps): React.JSX.Element {
  const styles = useStyles();
  const [values, setValues] = React.useState<FormValues>(() => initialValues(model, order, new Date()));
  const [touched, setTouched] = React.useState<Set<string>>(() => new Set());
  const [last, setLast] = React.useState<FormValues | null>(null);
  const [keepRepeats, setKeepRepeats] = React.useState(true);
  const [busy, setBusy] = React.useState(false);
  const [banner, setBanner] = React.useState<{
    intent: "success" | "error" | "warning";
    title: string;
    text: string;
  } | null>(null);
  const [existing, setExisting] = React.useState<Map<string, Set<string>>>(new Map());
  const firstRef = React.useRef<HTMLInputElement & HTMLSelectElement>(null);
  const formRef = React.useRef<HTMLFormElement>(null);
  /** The workbook revision `existing` is current for (null: not read yet). */
  const keysAt = React.useRef<number | null>(null);
  /** The revision of the form's own last entry, whose row `existing` already holds. */
  const ownRevision = React.useRef<number | null>(null);
  const needsKeys = needsExistingKeys(model);

  // Values already in the table for unique fields (Invoice No, Employee ID ...): read while the pane is
  // visible, once, and again only when something else changed the workbook; the form's own entries are
  // added as it writes them.
  React.useEffect(() => {
    if (!needsKeys || !desk.visible || keysAt.current === desk.revision) return;
    // Nothing but the form's own entry happened since the keys were read: they already hold its row.
    if (ownRevision.current === desk.revision && keysAt.current === desk.revision - 1) {
      keysAt.current = desk.revision;
      return;
    }
    let live = true;
    const at = desk.revision;
    readExistingKeys(desk.wb, source, model)
      .then((keys) => {
        if (!live) return;
        keysAt.current = at;
        setExisting(keys);
      })
      .catch(() => live && setExisting(new Map()));
    return () => {
      live = false;
    };
  }, [desk.wb, source, model, desk.revision, desk.visible, needsKeys]);

  const check = React.useMemo(
    () => checkRecord(model.schema, rawRecord(values), { dateOrder: order, existing }),
    [model.schema, values, order, existing],
  );

  const clear = React.useCallback(
    (keepLast: FormValues | null) => {
      setValues(initialValues(model, order, new Date(), keepRepeats ? keepLast : null));
      setTouched(new Set());
      firstRef.current?.focus();
    },
    [model, order, keepRepeats],
  );

  const submit = async (): Promise<void> => {
    if (busy) return;
    if (!check.ok) {
      setTouched(new Set(model.fields.map((f) => f.def.key)));
      const bad = model.fields.filter((f) => check.issues[f.def.key]);
      // Rules about columns this table does not have (e.g. neither Due Date nor Terms) cannot be fixed in the form.
      const elsewhere = Object.entries(check.issues)
        .filter(([k]) => !model.fields.some((f) => f.def.key === k))
        .map(([, i]) => `${i.message} (add the column to the table)`);
      setBanner({
        intent: "error",
        title: bad.length
          ? `Nothing was written: fix ${bad.length} field${bad.length === 1 ? "" : "s"}`
          : "Nothing was written",
        text: [bad.map((f) => f.def.column).join(", "), ...elsewhere].filter(Boolean).join(". "),
      });
      const el = formRef.current?.querySelector<HTMLElement>(`[data-field="${bad[0]?.def.key}"]`);
      el?.focus();
      return;
    }
    setBusy(true);
    try {
      const row: CellValue[] = rowFor(model, check.values);
      const outcome = await appendEntry(desk.wb, source, model.headers, row);
      setBanner(
        outcome.logged
          ? {
              intent: "success",
              title: `Row ${outcome.row} added to ${source}`,
              text: `Logged in "${ENTRY_LOG_SHEET}".`,
            }
          : { intent: "warning", title: `Row ${outcome.row} added to ${source}`, text: outcome.message },
      );
      desk.notify(outcome.message, outcome.logged ? "success" : "warning");
      setLast(values);
      setExisting((old) => withEntry(old, model, check.values));
      ownRevision.current = desk.changed();
      desk.showSheet(source);
      clear(values);
    } catch (e) {
      setBanner({ intent: "error", title: "The record was not written", text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>): void => {
    if (e.key === "Escape") {
      e.preventDefault();
      setBanner(null);
      clear(null);
    } else if (
      e.key === "Enter" &&
      !(e.target instanceof HTMLButtonElement) &&
      !(e.target instanceof HTMLTextAreaElement)
    ) {
      e.preventDefault();
      void submit();
    }
  };

  const messageFor = (key: string): Issue | undefined => (touched.has(key) ? check.issues[key] : undefined);
  const set = (key: string, v: string) => setValues((old) => ({ ...old, [key]: v }));
  const touch = (key: string) => setTouched((old) => (old.has(key) ? old : new Set(old).add(key)));

  return (
    <form
      ref={formRef}
      className={styles.form}
      aria-label={`New ${model.schema.title} record`}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {model.missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {source} has no {model.missing.map((m) => `"${m.column}"`).join(", ")} column; add{" "}
            {model.missing.length === 1 ? "it" : "them"} to the table to record complete{" "}
            {model.schema.title.toLowerCase()}.
          </MessageBarBody>
        </MessageBar>
      )}
      {banner && (
        <MessageBar intent={banner.intent} layout="multiline" aria-live="polite">
          <MessageBarBody>
            <MessageBarTitle>{banner.title}</MessageBarTitle>
            {banner.text}
          </MessageBarBody>
        </MessageBar>
      )}
      {model.fields.map((f, i) => {
        const def = f.def;
        const issue = messageFor(def.key);
        const common = {
          "data-field": def.key,
          onBlur: () => touch(def.key),
        };
        const isList = def.type === "list" || def.type === "yn";
        const sameAsLast = last && def.repeat && last[def.key] && values[def.key] === last[def.key];
        return (
          <Field
            key={def.key}
            label={def.column}
            required={!!def.required}
            validationState={issue ? "error" : "none"}
            validationMessage={issue?.message}
            hint={
              [sameAsLast ? "Same as last" : "", readsAs(def.type, check.values[def.key]), def.help ?? ""]
                .filter(Boolean)
                .join(" · ") || undefined
            }
          >
            {isList ? (
              <Select
                {...common}
                ref={i === 0 ? firstRef : undefined}
                value={values[def.key] ?? ""}
                onChange={(_, d) => {
                  set(def.key, d.value);
                  touch(def.key);
                }}
              >
                <option value="">{def.required ? "Choose…" : "(blank)"}</option>
                {(def.type === "yn" ? ["Y", "N"] : (def.list ?? [])).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                {...common}
                ref={i === 0 ? firstRef : undefined}
                value={values[def.key] ?? ""}
                placeholder={placeholderFor(def, order)}
                inputMode={
                  def.type === "money" || def.type === "integer" || def.type === "number" ? "decimal" : undefined
                }
                autoComplete="off"
                spellCheck={false}
                onChange={(_, d) => set(def.key, d.value)}
              />
            )}
          </Field>
        );
      })}
      <Checkbox
        checked={keepRepeats}
        onChange={(_, d) => setKeepRepeats(!!d.checked)}
        label="After adding, keep repeat fields (same as last)"
      />
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? "Adding…" : `Add to ${source}`}
        </Button>
        <Button
          type="button"
          onClick={() => {
            setBanner(null);
            clear(null);
          }}
        >
          Clear
        </Button>
        <Text size={200} className={styles.keys}>
          Enter adds · Esc clears
        </Text>
      </div>
    </form>
  );
}
