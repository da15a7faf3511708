import * as React from "react";
import {
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { DateOrder } from "../../core/dates";
import { recognisedTables, workbookSchemas, type Candidate } from "../../workbook/jobs/validate";
import type { ViewProps } from "../desk-context";
import { EntryForm } from "./entry/EntryForm";
import { ValidatePanel } from "./entry/ValidatePanel";
import { formModel, localeDateOrder } from "./entry/model";
import { withEntrySettings } from "../settings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  // Side by side where they fit, one above the other in a 320 px pane.
  pickers: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(136px, 1fr))",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  sections: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});

/**
 * The Entry view: a validated form for the chosen table (its schema detected from the headers), and a
 * Validate section that checks whole tables, highlights invalid cells and writes the Data Quality sheet.
 */
export function EntryView({ desk }: ViewProps): React.JSX.Element {
  const styles = useStyles();
  const [candidates, setCandidates] = React.useState<Candidate[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [schemaError, setSchemaError] = React.useState<string | null>(null);
  const remembered = desk.settings.entry ?? {};
  const [source, setSource] = React.useState<string>(remembered.table ?? "");
  const order: DateOrder =
    remembered.dateOrder ?? localeDateOrder(typeof navigator === "undefined" ? undefined : navigator.language);
  const keepRepeats = remembered.keepRepeats ?? true;
  const remember = (patch: NonNullable<typeof desk.settings.entry>) =>
    desk.saveSettings(withEntrySettings(desk.settings, patch));
  const pick = (table: string) => {
    setSource(table);
    remember({ table });
  };
  const [section, setSection] = React.useState<"entry" | "validate">("entry");

  React.useEffect(() => {
    let live = true;
    workbookSchemas(desk.wb)
      .then(async ({ schemas, error: schemaError }) => {
        const found = await recognisedTables(desk.wb, schemas);
        if (!live) return;
        setCandidates(found);
        setSchemaError(schemaError);
        setError(null);
        setSource((s) => (found.some((c) => c.info.name === s) ? s : (found[0]?.info.name ?? "")));
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [desk.wb, desk.revision]);

  const current = candidates?.find((c) => c.info.name === source) ?? null;
  // The form model changes only with the table's headers, not with every revision of the workbook.
  const headerKey = current ? `${current.info.name}|${current.schema.name}|${current.info.headers.join("\u0001")}` : "";
  const model = React.useMemo(
    () => (current ? formModel(current.schema, current.info.headers) : null),
    [headerKey], // eslint-disable-line react-hooks/exhaustive-deps
  );

  if (error)
    return (
      <MessageBar intent="error">
        <MessageBarBody>Could not read the workbook's tables: {error}</MessageBarBody>
      </MessageBar>
    );
  if (!candidates) return <Spinner size="small" label="Looking for tables…" />;

  return (
    <div className={styles.root}>
      {schemaError && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{schemaError}</MessageBarBody>
        </MessageBar>
      )}
      <div role="group" aria-label="Entry sections" className={styles.sections}>
        <ToggleButton size="small" checked={section === "entry"} onClick={() => setSection("entry")}>
          New record
        </ToggleButton>
        <ToggleButton size="small" checked={section === "validate"} onClick={() => setSection("validate")}>
          Validate tables
        </ToggleButton>
      </div>
      {section === "entry" ? (
        candidates.length === 0 ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              No table with recognised headers yet. Add a table with headers such as Invoice No, Customer, Invoice Date,
              Due Date, Amount, Paid.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <div className={styles.pickers}>
              <Field label="Table">
                <Select value={source} onChange={(_, d) => pick(d.value)}>
                  {candidates.map((c) => (
                    <option key={c.info.name} value={c.info.name}>
                      {c.info.name.toLowerCase() === c.schema.title.toLowerCase()
                        ? c.info.name
                        : `${c.info.name} (${c.schema.title})`}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Dates typed as">
                <Select value={order} onChange={(_, d) => remember({ dateOrder: d.value as DateOrder })}>
                  <option value="DMY">DD/MM/YYYY</option>
                  <option value="MDY">MM/DD/YYYY</option>
                  <option value="YMD">YYYY-MM-DD</option>
                </Select>
              </Field>
            </div>
            {model && current && (
              <EntryForm
                key={`${headerKey}|${order}`}
                desk={desk}
                source={current.info.name}
                model={model}
                order={order}
                keepRepeats={keepRepeats}
                onKeepRepeats={(keep) => remember({ keepRepeats: keep })}
              />
            )}
          </>
        )
      ) : (
        <ValidatePanel desk={desk} candidates={candidates} order={order} />
      )}
    </div>
  );
}
