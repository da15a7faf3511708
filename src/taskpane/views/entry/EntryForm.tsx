import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { DateOrder } from "../../../core/dates";
import { isoDateTimeFromSerial, isoFromSerial, todaySerial } from "../../../core/dates";
import type { CellValue } from "../../../core/sheet-spec";
import { checkRecord, isNumbered, recallKey, type FieldDef, type Issue } from "../../../core/validation";
import { appendEntry, ENTRY_LOG_SHEET } from "../../../workbook/jobs/entry";
import type { DeskContext } from "../../desk-context";
import {
  NO_MEMORY,
  applyFollows,
  autoFilled,
  baselineValues,
  hasInput,
  initialValues,
  memoryWith,
  needsTableRead,
  nextNeededField,
  placeholderFor,
  rawRecord,
  readTableMemory,
  dateColumnsOf,
  recordLabel,
  rowFor,
  textFor,
  typedDate,
  type FormModel,
  type FormValues,
  type TableMemory,
} from "./model";
import { SuggestInput } from "./SuggestInput";
import { ConfirmDialog } from "../../ConfirmDialog";
import { undoEntry, type WrittenEntry } from "./undo";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  actions: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "center",
    flexWrap: "wrap",
  },
  keys: { color: tokens.colorNeutralForeground3 },
  today: { minWidth: 0, paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
});

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** How a typed date was read, spelled out so 03/04 cannot be misread: "Reads as 3 Apr 2025". */
function readsAs(type: string, v: CellValue | undefined): string {
  if (typeof v !== "number" || (type !== "date" && type !== "timestamp")) return "";
  const [y, m, d] = isoFromSerial(v).split("-").map(Number);
  const time = type === "timestamp" ? ` ${isoDateTimeFromSerial(v).slice(11, 16)}` : "";
  return `Reads as ${d} ${MONTHS[m - 1]} ${y}${time}`;
}

/** "t" or "today" typed into a date field: today's date, in the user's order. */
const TODAY_WORD = /^\s*(t|today)\s*$/i;

interface Banner {
  /** Each result gets its own MessageBar, so each is announced once. */
  id: number;
  intent: "success" | "error" | "warning" | "info";
  title: string;
  text: string;
  /** Offer Undo for the entry just written. */
  undo?: boolean;
}

export interface EntryFormProps {
  desk: DeskContext;
  /** Table name as the Workbook port reads it. */
  source: string;
  model: FormModel;
  order: DateOrder;
  keepRepeats: boolean;
  onKeepRepeats(keep: boolean): void;
}

/**
 * The entry form of one table, generated from its schema. Keyboard first: Tab moves through the fields in
 * the table's column order; Enter adds the record, or, while it still needs a value, goes to the next field
 * that needs one; Esc asks before clearing what was typed. After an entry the focus goes back to the first
 * field with the next number proposed, the customer and the date of the batch kept (same as last), and the
 * customer's GSTIN and terms filled from its last row. A field's message appears once it has been left (or
 * on Enter) and then follows every keystroke; nothing is written while any field is invalid.
 */
export function EntryForm({
  desk,
  source,
  model,
  order,
  keepRepeats,
  onKeepRepeats,
}: EntryFormProps): React.JSX.Element {
  const styles = useStyles();
  const [memory, setMemory] = React.useState<TableMemory>(NO_MEMORY);
  const [last, setLast] = React.useState<FormValues | null>(null);
  const blank = React.useMemo(
    () => initialValues(model, order, new Date(), keepRepeats ? last : null, memory),
    [model, order, keepRepeats, last, memory],
  );
  const [values, setValues] = React.useState<FormValues>(blank);
  const [touched, setTouched] = React.useState<Set<string>>(() => new Set());
  const [busy, setBusy] = React.useState(false);
  const [banner, setBannerState] = React.useState<Banner | null>(null);
  const [written, setWritten] = React.useState<(WrittenEntry & { typed: FormValues; name: string }) | null>(null);
  const [confirming, setConfirming] = React.useState(false);
  const bannerId = React.useRef(0);
  const setBanner = (b: Omit<Banner, "id"> | null) => setBannerState(b && { ...b, id: ++bannerId.current });
  const firstRef = React.useRef<HTMLInputElement & HTMLSelectElement>(null);
  const formRef = React.useRef<HTMLFormElement>(null);
  const returnFocus = React.useRef<HTMLElement | null>(null);
  /** The workbook revision `memory` is current for (null: not read yet). */
  const memoryAt = React.useRef<number | null>(null);
  /** The revision of the form's own last entry, whose row `memory` already holds. */
  const ownRevision = React.useRef<number | null>(null);
  const needsRead = needsTableRead(model);

  // What the table already holds (unique keys, type-ahead values, each customer's last row, the numbering):
  // read while the pane is visible, once, and again only when something else changed the workbook; the
  // form's own entries are added as it writes them.
  React.useEffect(() => {
    if (!needsRead || !desk.visible || memoryAt.current === desk.revision) return;
    // Nothing but the form's own entry happened since the table was read: the memory already holds its row.
    if (ownRevision.current === desk.revision && memoryAt.current === desk.revision - 1) {
      memoryAt.current = desk.revision;
      return;
    }
    let live = true;
    const at = desk.revision;
    readTableMemory(desk.wb, source, model)
      .then((m) => {
        if (!live) return;
        memoryAt.current = at;
        setMemory(m);
      })
      .catch(() => live && setMemory(NO_MEMORY));
    return () => {
      live = false;
    };
  }, [desk.wb, source, model, desk.revision, desk.visible, needsRead]);

  // A form nobody has typed in follows its blank values (the next number arrives with the table's memory).
  const shownBlank = React.useRef(blank);
  React.useEffect(() => {
    const before = shownBlank.current;
    shownBlank.current = blank;
    setValues((v) => (hasInput(v, before) ? v : blank));
  }, [blank]);

  const check = React.useMemo(
    () => checkRecord(model.schema, rawRecord(values), { dateOrder: order, existing: memory.existing }),
    [model.schema, values, order, memory.existing],
  );

  const focusField = (key: string | undefined, select = false): void => {
    const el = formRef.current?.querySelector<HTMLInputElement>(`[data-field="${key}"]`);
    el?.focus();
    if (select) el?.select?.();
  };

  const reset = (next: FormValues): void => {
    setValues(next);
    setTouched(new Set());
    // After the render that shows the new values: the first field, its text selected so typing replaces it.
    setTimeout(() => {
      firstRef.current?.focus();
      firstRef.current?.select?.();
    });
  };

  const set = (key: string, typedText: string): void => {
    const def = model.fields.find((f) => f.def.key === key)?.def;
    const text =
      def?.type === "date" && TODAY_WORD.test(typedText) ? typedDate(todaySerial(new Date()), order, false) : typedText;
    const baseline = baselineValues(model, order, new Date(), keepRepeats ? last : null, memory);
    // What the previous customer brought may go with it; what the user typed stays.
    const filled = autoFilled(model, memory, order, values);
    setValues(applyFollows(model, memory, order, { ...values, [key]: text }, key, baseline, filled).values);
  };
  const touch = (key: string) => setTouched((old) => (old.has(key) ? old : new Set(old).add(key)));

  const submit = async (from: string | null): Promise<void> => {
    if (busy) return;
    if (!check.ok) {
      // Still being filled in: Enter goes on to the next field that needs a value.
      const next = nextNeededField(model, values, check.issues, from);
      if (next) {
        focusField(next, true);
        return;
      }
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
      focusField(bad[0]?.def.key);
      return;
    }
    setBusy(true);
    try {
      const row: CellValue[] = rowFor(model, check.values);
      const outcome = await appendEntry(desk.wb, source, model.headers, row, new Date(), dateColumnsOf(model));
      const label = recordLabel(model, check.values);
      const name = label.name ?? `Row ${outcome.row}`;
      setBanner({
        intent: outcome.logged ? "success" : "warning",
        title: `${name} added to ${source}`,
        text: [label.amount, `row ${outcome.row}`, outcome.logged ? `logged in "${ENTRY_LOG_SHEET}"` : outcome.message]
          .filter(Boolean)
          .join(" · "),
        undo: true,
      });
      setWritten({ source, row: outcome.row, headers: model.headers, written: row, typed: values, name });
      const kept = memoryWith(memory, model, check.values, row);
      setMemory(kept);
      setLast(values);
      ownRevision.current = desk.changed();
      desk.showSheet(source);
      const next = initialValues(model, order, new Date(), keepRepeats ? values : null, kept);
      shownBlank.current = next;
      reset(next);
    } catch (e) {
      setBanner({ intent: "error", title: "The record was not written", text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const undo = async (): Promise<void> => {
    if (!written || busy) return;
    setBusy(true);
    try {
      const r = await undoEntry(desk.wb, written);
      setWritten(null);
      setBanner({
        intent: r.logged ? "info" : "warning",
        title: `${written.name} undone`,
        text: `${r.message} What it held is back in the form.`,
      });
      desk.changed();
      desk.showSheet(source);
      reset(written.typed);
    } catch (e) {
      setBanner({ intent: "error", title: `${written.name} was not undone`, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const clearNow = (): void => {
    setConfirming(false);
    setBanner(null);
    shownBlank.current = blank;
    reset(blank);
  };

  const fieldOf = (el: EventTarget): string | null =>
    el instanceof HTMLElement ? (el.closest("[data-field]")?.getAttribute("data-field") ?? null) : null;

  // Keys in the clear dialog are the dialog's.
  const inForm = (e: React.KeyboardEvent) =>
    !!formRef.current?.contains(e.target as Node) && !(e.target as Element).closest?.("dialog");

  const onKeyDownCapture = (e: React.KeyboardEvent<HTMLFormElement>): void => {
    if (
      !inForm(e) ||
      e.key !== "Enter" ||
      e.target instanceof HTMLButtonElement ||
      e.target instanceof HTMLTextAreaElement
    )
      return;
    const t = e.target as HTMLElement;
    // An open type-ahead list with a highlighted value: Enter takes the value (the Combobox does it).
    if (
      t.getAttribute("role") === "combobox" &&
      t.getAttribute("aria-expanded") === "true" &&
      t.getAttribute("aria-activedescendant")
    )
      return;
    e.preventDefault();
    e.stopPropagation();
    void submit(fieldOf(t));
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>): void => {
    // An open type-ahead list keeps Esc to itself (it closes the list).
    if (!inForm(e) || e.key !== "Escape" || e.defaultPrevented) return;
    e.preventDefault();
    if (hasInput(values, blank)) {
      returnFocus.current = document.activeElement as HTMLElement | null;
      setConfirming(true);
    } else setBanner(null);
  };

  const messageFor = (key: string): Issue | undefined => (touched.has(key) ? check.issues[key] : undefined);
  const today = typedDate(todaySerial(new Date()), order, false);
  const filledCount = Object.keys(values).filter((k) => (values[k] ?? "").trim() !== (blank[k] ?? "").trim()).length;

  const input = (def: FieldDef, first: boolean): React.JSX.Element => {
    const common = { "data-field": def.key, onBlur: () => touch(def.key) };
    const ref = first ? firstRef : undefined;
    const value = values[def.key] ?? "";
    if (def.type === "list" || def.type === "yn")
      return (
        <Select
          {...common}
          ref={ref}
          value={value}
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
      );
    const choices = def.suggest ? memory.recall.choices.get(def.key) : undefined;
    if (choices?.length)
      return (
        <SuggestInput
          {...common}
          inputRef={ref}
          value={value}
          choices={choices}
          placeholder={placeholderFor(def, order)}
          onText={(t) => set(def.key, t)}
        />
      );
    const resetsToToday = def.type === "date" && def.default === "today";
    return (
      <Input
        {...common}
        ref={ref}
        value={value}
        placeholder={placeholderFor(def, order)}
        inputMode={def.type === "money" || def.type === "integer" || def.type === "number" ? "decimal" : undefined}
        autoComplete="off"
        spellCheck={false}
        onChange={(_, d) => set(def.key, d.value)}
        contentAfter={
          resetsToToday && value.trim() !== today ? (
            // Out of the Tab order: the keyboard's way back to today is typing T.
            <Button
              size="small"
              appearance="transparent"
              className={styles.today}
              tabIndex={-1}
              onClick={() => set(def.key, today)}
            >
              Today
            </Button>
          ) : undefined
        }
      />
    );
  };

  return (
    <form
      ref={formRef}
      className={styles.form}
      aria-label={`New ${model.schema.title} record`}
      noValidate
      onKeyDownCapture={onKeyDownCapture}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(null);
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
        <MessageBar key={banner.id} intent={banner.intent} layout="multiline" data-testid="entry-result">
          <MessageBarBody>
            <MessageBarTitle>{banner.title}</MessageBarTitle> {banner.text}
          </MessageBarBody>
          {banner.undo && written && (
            <MessageBarActions>
              <Button size="small" onClick={() => void undo()} disabled={busy}>
                Undo
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {model.fields.map((f, i) => {
        const def = f.def;
        const issue = messageFor(def.key);
        const value = (values[def.key] ?? "").trim();
        const kept =
          !!last &&
          value !== "" &&
          value === (last[def.key] ?? "").trim() &&
          (def.repeat || (def.type === "date" && def.default === "today"));
        const proposed = isNumbered(def) && value !== "" && value === memory.recall.next.get(def.key);
        const follows = (model.schema.follows ?? []).find((r) => r.fill.includes(def.key));
        const from = follows && model.fields.find((x) => x.def.key === follows.from)?.def;
        const rec = follows && memory.recall.last.get(follows.from)?.get(recallKey(values[follows.from]) ?? "");
        const followed = !!rec && value !== "" && textFor(def, rec[def.key], order) === values[def.key];
        const dateHint = def.type === "date" && def.default === "today" && value !== today ? "T for today" : "";
        return (
          <Field
            key={def.key}
            label={def.column}
            required={!!def.required}
            validationState={issue ? "error" : "none"}
            // Read with the field (aria-describedby) rather than shouted as it appears: Fluent makes each
            // message an alert; the pane's one live region says what Enter refused.
            validationMessage={issue ? { children: issue.message, role: undefined } : undefined}
            hint={
              [
                proposed ? "Next number" : "",
                followed ? `As last for this ${from?.column.toLowerCase() ?? "record"}` : kept ? "Same as last" : "",
                dateHint,
                readsAs(def.type, check.values[def.key]),
                def.help ?? "",
              ]
                .filter(Boolean)
                .join(" · ") || undefined
            }
          >
            {input(def, i === 0)}
          </Field>
        );
      })}
      <Checkbox
        checked={keepRepeats}
        onChange={(_, d) => onKeepRepeats(!!d.checked)}
        label="After adding, keep repeat fields and the date (same as last)"
      />
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? "Working…" : `Add to ${source}`}
        </Button>
        <Button
          type="button"
          onClick={() => {
            setBanner(null);
            clearNow();
          }}
        >
          Clear
        </Button>
        <Text size={200} className={styles.keys}>
          Enter adds, or goes to the next field needed · Esc clears
        </Text>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Clear this record?"
        confirm="Clear"
        cancel="Keep editing"
        onConfirm={clearNow}
        onCancel={() => {
          setConfirming(false);
          // Keep editing: back where the user was.
          setTimeout(() => returnFocus.current?.focus());
        }}
      >
        What you typed in {filledCount === 1 ? "1 field" : `${filledCount} fields`} goes; nothing has been written to{" "}
        {source}.
      </ConfirmDialog>
    </form>
  );
}
