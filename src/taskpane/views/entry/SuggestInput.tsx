import * as React from "react";
import { Combobox, Option, makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({ root: { minWidth: 0, width: "100%" } });

export interface SuggestInputProps {
  value: string;
  /** The values already in the column, sorted (core/validation distinctValues). */
  choices: readonly string[];
  onText(text: string): void;
  onBlur(): void;
  inputRef?: React.Ref<HTMLInputElement>;
  "data-field": string;
  placeholder?: string;
}

/** The most choices listed at once: typing narrows them; a long list would only slow every keystroke. */
const SHOWN = 50;

/**
 * A text field with type-ahead over the values its column already holds (a Fluent Combobox, freeform):
 * typing lists the values that start with what is typed, the first of them highlighted; Tab or Enter takes
 * the highlighted one, Esc closes the list, and any other text is kept as typed (a new customer).
 *
 * Only values that start with the typed text are listed, so a new name that merely occurs inside an
 * existing one ("Retail" in "Acme Retail") is never replaced by it. The list's chevron stays out of the
 * Tab order: the field is one Tab stop, as a plain input is.
 */
export function SuggestInput({
  value,
  choices,
  onText,
  onBlur,
  inputRef,
  placeholder,
  ...rest
}: SuggestInputProps): React.JSX.Element {
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  const typed = value.trim().toLowerCase();
  const shown = React.useMemo(() => {
    const out: string[] = [];
    for (const c of choices) {
      if (c.toLowerCase().startsWith(typed)) out.push(c);
      if (out.length >= SHOWN) break;
    }
    // The value itself, exactly, is nothing to suggest.
    return out.length === 1 && out[0].toLowerCase() === typed ? [] : out;
  }, [choices, typed]);
  return (
    <Combobox
      freeform
      inlinePopup
      className={styles.root}
      ref={inputRef}
      value={value}
      open={open && shown.length > 0}
      onOpenChange={(_, d) => setOpen(d.open)}
      selectedOptions={[]}
      onChange={(e) => onText(e.target.value)}
      onOptionSelect={(_, d) => {
        if (d.optionText !== undefined) onText(d.optionText);
      }}
      onBlur={onBlur}
      expandIcon={{ tabIndex: -1 }}
      placeholder={placeholder}
      autoComplete="off"
      spellCheck={false}
      data-field={rest["data-field"]}
    >
      {shown.map((c) => (
        <Option key={c} text={c}>
          {c}
        </Option>
      ))}
    </Combobox>
  );
}
