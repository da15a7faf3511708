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
} from "@fluentui/react-components";
import { formatCents, toCents } from "../../core/money";
import { isoFromSerial, todaySerial } from "../../core/dates";
import {
  CATEGORY_LABELS,
  RECON_SUMMARY_SHEET,
  bankSideOf,
  findProfile,
  profileFromSide,
  statementEnd,
  type ItemCategory,
  type StatementProfile,
} from "../../core/recon";
import type { TableInfo } from "../../workbook/port";
import { FILE_ACCEPT } from "../../workbook/extensions";
import {
  ReconCancelled,
  fileTableName,
  findBankAndLedger,
  forgetProfile,
  loadProfiles,
  loadReconState,
  restoredRules,
  runRecon,
  saveProfile,
  stateFits,
  withDecisions,
  writeBrsForRun,
  writeReconResults,
  type ReconRun,
  type ReconState,
  type SideFiles,
} from "../../workbook/jobs/recon";
import type { ViewProps } from "../desk-context";
import { Quiet } from "../live";
import {
  EMPTY_SIDE,
  defaultForm,
  detectSide,
  formWithProfile,
  formWithRules,
  rulesFromForm,
  sideFormFromColumns,
  type FlipChoice,
  type ReconForm,
} from "./reconcile/model";
import {
  NO_FILTERS,
  amountRange,
  decidedView,
  decisionList,
  filterItems,
  filterQueue,
  inAndOut,
  queueRows,
  toggle,
  type Decision,
  type QueueFilters,
} from "./reconcile/queue";
import { fileKey, parseFileKey, readStatementFile, type StatementFile } from "./reconcile/file-side";
import { SideMapping } from "./reconcile/SideMapping";
import { ReviewQueue } from "./reconcile/ReviewQueue";
import { ExcludedAndWarnings, UnmatchedSide } from "./reconcile/Leftovers";
import { useReconStyles } from "./reconcile/styles";

const ADDIN_ROLE = /^(recon:|report:|entry|validate|demo:|quality)/;
type Side = "left" | "right";
const SIDES: readonly Side[] = ["left", "right"];
const TITLE: Record<Side, string> = { left: "Left", right: "Right" };

/** Where a side's columns came from, said under its picker. */
type Origin =
  | { kind: "none" }
  | { kind: "detected" }
  | { kind: "kept" }
  | { kind: "state"; ranAt: string }
  | { kind: "profile"; profile: StatementProfile };

interface Ctx {
  tables: TableInfo[];
  files: ReadonlyMap<string, StatementFile>;
  state: ReconState | null;
  profiles: StatementProfile[];
}

function headersIn(ctx: Pick<Ctx, "tables" | "files">, key: string): string[] {
  const f = parseFileKey(key);
  if (f) return ctx.files.get(f.file)?.tables.find((t) => t.name === f.table)?.headers ?? [];
  return ctx.tables.find((t) => t.name === key)?.headers ?? [];
}

/** The sources of a pair of picker keys, as runRecon and the saved state name them. */
function sourcesOf(l: string, r: string): { left: string; right: string; files: SideFiles } {
  const fl = parseFileKey(l);
  const fr = parseFileKey(r);
  const files: SideFiles = {};
  if (fl) files.left = fl.file;
  if (fr) files.right = fr.file;
  return { left: fl ? fl.table : l, right: fr ? fr.table : r, files };
}

function displayName(ctx: Pick<Ctx, "files">, key: string): string {
  const f = parseFileKey(key);
  if (!f) return key;
  const t = ctx.files.get(f.file)?.tables.find((x) => x.name === f.table);
  return fileTableName(f.file, t?.sheet ?? "");
}

interface Configured {
  form: ReconForm;
  origins: Record<Side, Origin>;
  errors: Record<Side, string | null>;
  decisions: Map<string, Decision>;
}

/**
 * The form for a pair of sources: the last run's columns, tolerances and decisions when the pair is the
 * last run's; otherwise, for each side that changed, its saved profile (same layout) or what detection
 * finds. The other side keeps what it had.
 */
function configure(
  ctx: Ctx,
  l: string,
  r: string,
  changed: readonly Side[],
  prev: { form: ReconForm; origins: Record<Side, Origin> },
): Configured {
  const keys = { left: l, right: r };
  const headers = { left: headersIn(ctx, l), right: headersIn(ctx, r) };
  const detect = (s: Side) =>
    detectSide(
      headers[s],
      `${TITLE[s]} ${parseFileKey(keys[s]) ? "statement file" : "table"} ${displayName(ctx, keys[s])}`,
    );
  if (l && r && ctx.state && stateFits(ctx.state, sourcesOf(l, r))) {
    const rules = restoredRules(ctx.state, headers);
    const form = formWithRules(defaultForm(), rules);
    for (const s of SIDES) form[s] = sideFormFromColumns(rules[s] ?? {}, headers[s], detect(s).side);
    const origin: Origin = { kind: "state", ranAt: ctx.state.ranAt };
    return {
      form,
      origins: { left: origin, right: origin },
      errors: { left: null, right: null },
      decisions: new Map(ctx.state.decisions.map((d) => [d.key, d.decision])),
    };
  }
  let form = prev.form;
  const origins = { ...prev.origins };
  const errors: Record<Side, string | null> = { left: null, right: null };
  // The left side's tolerances win when both have profiles (rulesWithProfiles): it is applied last.
  for (const s of [...changed].sort((a) => (a === "left" ? 1 : -1))) {
    if (!keys[s]) {
      form = { ...form, [s]: { ...EMPTY_SIDE } };
      origins[s] = { kind: "none" };
      continue;
    }
    const d = detect(s);
    const p = findProfile(ctx.profiles, headers[s]);
    if (p) {
      form = formWithProfile(form, s, p, headers[s], d.side);
      origins[s] = { kind: "profile", profile: p };
    } else {
      form = { ...form, [s]: d.side };
      origins[s] = { kind: "detected" };
      errors[s] = d.error;
    }
  }
  for (const s of SIDES) if (origins[s].kind === "state") origins[s] = { kind: "kept" };
  return { form, origins, errors, decisions: new Map() };
}

/** A small labelled number box of the tolerance row (typed as text; the model checks it). */
function SmallNumber(props: {
  label: string;
  hint: string;
  value: string;
  whole?: boolean;
  testid: string;
  onChange: (v: string) => void;
}): React.JSX.Element {
  const styles = useReconStyles();
  return (
    <Field label={props.label} size="small" hint={props.hint}>
      <Input
        className={styles.fit}
        size="small"
        value={props.value}
        onChange={(_, d) => props.onChange(d.value)}
        inputMode={props.whole ? "numeric" : "decimal"}
        data-testid={props.testid}
      />
    </Field>
  );
}

/** An outcome under a heading the view focuses, said once by the view through the live region. */
function Outcome({
  intent,
  title,
  ref,
  testid,
  children,
}: {
  intent: "success" | "error" | "warning";
  title: string;
  ref: React.Ref<HTMLHeadingElement>;
  testid: string;
  children: React.ReactNode;
}): React.JSX.Element {
  const styles = useReconStyles();
  return (
    <Quiet>
      <MessageBar intent={intent} layout="multiline" data-testid={testid}>
        <MessageBarBody>
          <h3 ref={ref} tabIndex={-1} className={styles.h2}>
            {title}
          </h3>
          {children}
        </MessageBarBody>
      </MessageBar>
    </Quiet>
  );
}

const savedOn = (iso: string) => iso.slice(0, 10);

/**
 * The Reconcile view: pick two sides (tables of the workbook, or a statement file read in this browser),
 * check the columns (restored from the last run of the pair, else from a saved profile of the layout,
 * else detected), run with progress and Cancel, review the suggestions with the keyboard, see every item
 * left over with its category and suggested action, then write Recon Summary / Matched / Unmatched and,
 * for a bank statement against the books, the bank reconciliation statement. Source tables are never
 * changed; a statement file is only read; highlighting the workbook's unmatched amounts is opt-in.
 */
export function ReconcileView({ desk }: ViewProps): React.JSX.Element {
  const styles = useReconStyles();
  const [tables, setTables] = React.useState<TableInfo[]>([]);
  const [files, setFiles] = React.useState<ReadonlyMap<string, StatementFile>>(new Map());
  const [saved, setSaved] = React.useState<ReconState | null>(null);
  const [profiles, setProfiles] = React.useState<StatementProfile[]>([]);
  const [left, setLeft] = React.useState("");
  const [right, setRight] = React.useState("");
  const [form, setForm] = React.useState<ReconForm>(defaultForm);
  const [origins, setOrigins] = React.useState<Record<Side, Origin>>({
    left: { kind: "none" },
    right: { kind: "none" },
  });
  const [changing, setChanging] = React.useState<Record<Side, boolean>>({ left: false, right: false });
  const [sideErrors, setSideErrors] = React.useState<Record<Side, string | null>>({ left: null, right: null });
  const [progress, setProgress] = React.useState<{ value: number; label: string } | null>(null);
  const [run, setRun] = React.useState<ReconRun | null>(null);
  const [decisions, setDecisions] = React.useState<Map<string, Decision>>(new Map());
  const [filters, setFilters] = React.useState<QueueFilters>(NO_FILTERS);
  const [highlight, setHighlight] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [written, setWritten] = React.useState<string | null>(null);
  const [writing, setWriting] = React.useState(false);
  const [brs, setBrs] = React.useState<{ written: boolean; ok: boolean; message: string } | null>(null);
  const [brsBusy, setBrsBusy] = React.useState(false);
  const [profileSide, setProfileSide] = React.useState<Side>("left");
  const [profileName, setProfileName] = React.useState("");
  const abort = React.useRef<AbortController | null>(null);
  const fileInputs = { left: React.useRef<HTMLInputElement>(null), right: React.useRef<HTMLInputElement>(null) };
  const resultRef = React.useRef<HTMLHeadingElement>(null);
  const outcomeRef = React.useRef<HTMLHeadingElement>(null);
  const [focusAt, setFocusAt] = React.useState<{ n: number; where: "result" | "outcome" }>({ n: 0, where: "result" });
  React.useEffect(() => {
    if (focusAt.n) (focusAt.where === "result" ? resultRef : outcomeRef).current?.focus();
  }, [focusAt]);
  const focusNext = (where: "result" | "outcome") => setFocusAt((f) => ({ n: f.n + 1, where }));

  // What the asynchronous loads and the file picker need of the latest render.
  const latest = React.useRef({ left, right, files, form, origins });
  React.useLayoutEffect(() => {
    latest.current = { left, right, files, form, origins };
  });

  const apply = (l: string, r: string, c: Configured) => {
    setLeft(l);
    setRight(r);
    setForm(c.form);
    setOrigins(c.origins);
    setSideErrors(c.errors);
    setDecisions(c.decisions);
    setChanging({ left: false, right: false });
    setRun(null);
    setWritten(null);
    setBrs(null);
    setFilters(NO_FILTERS);
  };

  const ctx: Ctx = { tables, files, state: saved, profiles };

  const pick = (which: Side, key: string, over: Partial<Ctx> = {}) => {
    const l = which === "left" ? key : latest.current.left;
    const r = which === "right" ? key : latest.current.right;
    apply(l, r, configure({ ...ctx, files: latest.current.files, ...over }, l, r, [which], latest.current));
  };

  // Tables to offer (the add-in's own sheets left out), the last run, the profiles; the first pair: the
  // last run's, else Bank and Ledger, else the first two tables.
  React.useEffect(() => {
    let live = true;
    (async () => {
      const [sheets, all, state, profs] = await Promise.all([
        desk.wb.sheets(),
        desk.wb.tables(),
        loadReconState(desk.wb).catch(() => null),
        loadProfiles(desk.wb).catch(() => [] as StatementProfile[]),
      ]);
      const role = new Map(sheets.map((s) => [s.name.toLowerCase(), s.role]));
      const withTable = new Set(all.filter((t) => t.kind === "table").map((t) => t.sheet.toLowerCase()));
      const user = all.filter((t) => {
        const r = role.get(t.sheet.toLowerCase()) ?? null;
        if (r !== null && ADDIN_ROLE.test(r)) return false;
        return !(t.kind === "range" && withTable.has(t.sheet.toLowerCase()));
      });
      if (!live) return;
      setTables(user);
      setSaved(state);
      setProfiles(profs);
      const ctx: Ctx = { tables: user, files: latest.current.files, state, profiles: profs };
      const exists = (k: string) =>
        !!k && (parseFileKey(k) ? headersIn(ctx, k).length > 0 : user.some((t) => t.name === k));
      if (exists(latest.current.left) && exists(latest.current.right)) return;
      const names = new Set(user.map((t) => t.name));
      let pair: { left: string; right: string } | null = null;
      if (state && !state.files?.left && !state.files?.right && names.has(state.left) && names.has(state.right))
        pair = state;
      if (!pair) pair = await findBankAndLedger(desk.wb).catch(() => null);
      if (!pair && user.length >= 2) pair = { left: user[0].name, right: user[1].name };
      if (live && pair) apply(pair.left, pair.right, configure(ctx, pair.left, pair.right, SIDES, latest.current));
    })().catch((e) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [desk.wb, desk.revision]);

  const readFile = async (which: Side, file: File | undefined) => {
    const input = fileInputs[which].current;
    if (!file) return;
    setError(null);
    try {
      const sf = await readStatementFile(file.name, new Uint8Array(await file.arrayBuffer()));
      const next = new Map(latest.current.files).set(sf.name, sf);
      latest.current.files = next;
      setFiles(next);
      pick(which, fileKey(sf.name, sf.best.name), { files: next });
      desk.announce(
        `${sf.name} read in this browser, ${sf.best.rowCount} rows, as the ${which} side. It is only read: never uploaded, never changed.`,
      );
    } catch (e) {
      const message = `${file.name} could not be read: ${(e as Error).message}`;
      setSideErrors((x) => ({ ...x, [which]: message }));
      desk.announce(message);
    } finally {
      if (input) input.value = "";
    }
  };

  const start = async () => {
    setError(null);
    setWritten(null);
    setBrs(null);
    const r = rulesFromForm(form);
    if ("error" in r) {
      setError(r.error);
      desk.announce(`Cannot reconcile. ${r.error}`);
      return;
    }
    if (!left || !right || left === right) {
      setError("Choose two different tables to reconcile.");
      desk.announce("Cannot reconcile. Choose two different tables to reconcile.");
      return;
    }
    const src = sourcesOf(left, right);
    const fileSide = (s: Side) => {
      const f = src.files[s];
      const sf = f ? files.get(f) : undefined;
      return sf ? { name: sf.name, wb: sf.wb } : undefined;
    };
    const ctrl = new AbortController();
    abort.current = ctrl;
    setRun(null);
    setProgress({ value: 0, label: "Starting" });
    try {
      const res = await runRecon(desk.wb, {
        left: src.left,
        right: src.right,
        files: { left: fileSide("left"), right: fileSide("right") },
        rules: r.rules,
        decisions: decisionList(decisions),
        signal: ctrl.signal,
        progress: (done, total, label) => setProgress({ value: total ? done / total : 0, label: label ?? "" }),
      });
      setRun(res);
      setFilters(NO_FILTERS);
      const bank = bankSideOf(res.result);
      setProfileSide(bank);
      const side = bank === "left" ? res.result.left : res.result.right;
      const known = findProfile(profiles, side.table.headers);
      setProfileName(known?.name ?? side.name.replace(/\.(csv|xlsx|xlsm|xls)$/i, ""));
      const v = decidedView(res.result, decisions);
      const sug = queueRows(res.result, decisions);
      const open = sug.filter((x) => x.decision === null).length;
      desk.announce(
        `Reconciled ${res.result.left.name} with ${res.result.right.name}: ${res.json.matches.length} matches, ${sug.length} suggested${
          sug.length ? ` (${open} to review)` : ""
        }; ${v.summary.left - v.summary.matchedLeft} and ${v.summary.right - v.summary.matchedRight} items not matched.`,
      );
      focusNext("result");
    } catch (e) {
      if (e instanceof ReconCancelled) desk.announce("Reconciliation cancelled.");
      else {
        setError((e as Error).message);
        desk.announce(`Cannot reconcile. ${(e as Error).message}`);
      }
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const view = React.useMemo(() => (run ? decidedView(run.result, decisions) : null), [run, decisions]);
  const rows = React.useMemo(() => (run ? queueRows(run.result, decisions) : []), [run, decisions]);
  const range = amountRange(filters);
  const shownRows = "range" in range ? filterQueue(rows, filters, range.range) : rows;
  const items = view?.review ?? [];
  const shownItems = "range" in range ? filterItems(items, filters, range.range) : items;
  const names = run ? { left: run.result.left.name, right: run.result.right.name } : { left: "", right: "" };
  const bankAndBook = !!view && view.decided.left.layout.kind !== view.decided.right.layout.kind;
  const bankSide = view ? bankSideOf(view.decided) : "left";
  const brsAsOf = view
    ? (statementEnd(bankSide === "left" ? view.decided.left : view.decided.right) ?? todaySerial())
    : 0;

  const decide = (key: string, d: Decision) => setDecisions((m) => toggle(m, key, d).next);
  const acceptMany = (keys: string[]) =>
    setDecisions((m) => {
      const n = new Map(m);
      for (const k of keys) n.set(k, "accept");
      return n;
    });

  const write = async () => {
    if (!run) return;
    setWriting(true);
    setError(null);
    try {
      const final = withDecisions(run, decisionList(decisions));
      await writeReconResults(desk.wb, final, { highlightSources: highlight });
      const s = final.json.summary;
      const msg = `Wrote ${RECON_SUMMARY_SHEET}, Recon Matched and Recon Unmatched: ${final.json.matches.length} matches, ${
        s.left - s.matchedLeft
      } + ${s.right - s.matchedRight} items unmatched; the decisions and the columns are kept for the next run.`;
      setWritten(msg);
      desk.changed();
      desk.showSheet(RECON_SUMMARY_SHEET);
      desk.announce(msg);
    } catch (e) {
      setError((e as Error).message);
      desk.announce(`Results not written: ${(e as Error).message}`);
    } finally {
      setWriting(false);
    }
  };

  const writeBrs = async () => {
    if (!view) return;
    setBrsBusy(true);
    try {
      const out = await writeBrsForRun(desk.wb, { result: view.decided }, brsAsOf, { activate: true });
      const j = out.json;
      const money = (x: number) => formatCents(toCents(x), "en-IN");
      const message = `As of ${j.asOf}: bank ${money(j.bankBalance)}, ${j.depositsInTransit.length} in transit, ${
        j.unpresentedCheques.length
      } unpresented, ${j.bankOnly.length} on the statement only, ${j.bookOnly.length} in the books only; books ${money(
        j.bookBalance,
      )}; difference ${money(j.difference)}${j.difference === 0 ? " (reconciled)." : ": NOT reconciled."}`;
      setBrs({ written: true, ok: j.difference === 0, message });
      desk.changed();
      desk.showSheet(out.sheet);
      desk.announce(`Bank reconciliation statement written. ${message}`);
    } catch (e) {
      setBrs({ written: false, ok: false, message: (e as Error).message });
      desk.announce(`The bank reconciliation statement was not written: ${(e as Error).message}`);
    } finally {
      setBrsBusy(false);
      focusNext("outcome");
    }
  };

  const saveLayout = async () => {
    if (!run) return;
    const name = profileName.trim();
    if (!name) {
      desk.announce("Give the profile a name, e.g. HDFC current a/c.");
      return;
    }
    const s = profileSide === "left" ? run.result.left : run.result.right;
    try {
      const p = profileFromSide(s, run.result.rules, name);
      const next = await saveProfile(desk.wb, p);
      setProfiles(next);
      setOrigins((o) => ({ ...o, [profileSide]: { kind: "profile", profile: p } }));
      desk.changed();
      desk.announce(
        `Profile "${name}" saved in this workbook: the next statement with the columns of ${s.name} is read the same way.`,
      );
    } catch (e) {
      desk.announce(`The profile was not saved: ${(e as Error).message}`);
      setError((e as Error).message);
    }
  };

  const stopProfile = (s: Side, forget: boolean) => {
    const o = origins[s];
    if (o.kind !== "profile") return;
    const key = s === "left" ? left : right;
    const d = detectSide(headersIn(ctx, key), `${TITLE[s]} ${displayName(ctx, key)}`);
    setForm((f) => ({ ...f, [s]: d.side }));
    setOrigins((x) => ({ ...x, [s]: { kind: "detected" } }));
    setSideErrors((x) => ({ ...x, [s]: d.error }));
    setChanging((c) => ({ ...c, [s]: false }));
    if (!forget) {
      desk.announce(`${TITLE[s]} columns detected afresh; the profile "${o.profile.name}" is kept for later.`);
      return;
    }
    void forgetProfile(desk.wb, o.profile.fingerprint).then(
      (next) => {
        setProfiles(next);
        desk.changed();
        desk.announce(`Profile "${o.profile.name}" forgotten: removed from this workbook.`);
      },
      (e: unknown) => desk.announce(`The profile was not removed: ${(e as Error).message}`),
    );
  };

  const running = progress !== null;
  const lastRunFile =
    saved && (saved.files?.left || saved.files?.right) && !(left && right && stateFits(saved, sourcesOf(left, right)))
      ? (saved.files.left ?? saved.files.right)
      : null;

  const sidePicker = (s: Side) => {
    const key = s === "left" ? left : right;
    const o = origins[s];
    const isFile = !!parseFileKey(key);
    return (
      <div className={styles.side}>
        <Field label={s === "left" ? "Left (e.g. bank statement)" : "Right (e.g. ledger)"}>
          <Select
            value={key}
            onChange={(_, d) => pick(s, d.value)}
            aria-label={`${TITLE[s]} table`}
            data-testid={`recon-${s}`}
          >
            <option value="">(choose a table)</option>
            {tables.map((t) => (
              <option key={`${t.kind}:${t.name}`} value={t.name}>
                {t.name} — {t.rowCount} rows
              </option>
            ))}
            {files.size > 0 && (
              <optgroup label="Statement files (read-only)">
                {[...files.values()].flatMap((f) =>
                  f.tables.map((t) => (
                    <option key={fileKey(f.name, t.name)} value={fileKey(f.name, t.name)}>
                      {fileTableName(f.name, t.sheet)} — {t.rowCount} rows
                    </option>
                  )),
                )}
              </optgroup>
            )}
          </Select>
        </Field>
        <input
          ref={fileInputs[s]}
          type="file"
          accept={FILE_ACCEPT /* the loader says what to do about anything it cannot read */}
          hidden
          data-testid={`recon-${s}-file-input`}
          onChange={(e) => void readFile(s, e.target.files?.[0])}
        />
        <div>
          <Button
            size="small"
            appearance="secondary"
            onClick={() => fileInputs[s].current?.click()}
            aria-label={`${TITLE[s]}: use a statement file (.csv, .xlsx), read in this browser`}
            data-testid={`recon-${s}-file`}
          >
            Statement file…
          </Button>
        </div>
        {isFile && (
          <Text size={200} className={styles.muted} data-testid={`recon-${s}-file-note`}>
            Read in this browser, only read: never uploaded, never changed.
          </Text>
        )}
        {o.kind === "profile" && (
          <Text size={200} data-testid={`recon-${s}-profile`}>
            Using the profile “{o.profile.name}” saved {savedOn(o.profile.savedAt)} ·{" "}
            <button
              type="button"
              className={styles.linkButton}
              aria-expanded={changing[s]}
              aria-label={`Change the profile of the ${s} side`}
              onClick={() => setChanging((c) => ({ ...c, [s]: !c[s] }))}
            >
              Change
            </button>
          </Text>
        )}
        {o.kind === "profile" && changing[s] && (
          <div className={styles.side} data-testid={`recon-${s}-profile-change`}>
            <Text size={200} className={styles.muted}>
              Its columns are in the form below: edit them and save the profile again after the run, or:
            </Text>
            <div className={styles.row}>
              <Button size="small" onClick={() => stopProfile(s, false)}>
                Detect columns instead
              </Button>
              <Button size="small" onClick={() => stopProfile(s, true)}>
                Forget this profile
              </Button>
            </div>
          </div>
        )}
        {o.kind === "state" && s === "left" && (
          <Text size={200} className={styles.muted} data-testid="recon-restored">
            Columns and decisions as in the last run ({savedOn(o.ranAt)}).
          </Text>
        )}
        {sideErrors[s] && (
          <Text size={200} className={styles.error} data-testid={`recon-${s}-error`}>
            {sideErrors[s]}
          </Text>
        )}
      </div>
    );
  };

  const categories = [...new Set(items.map((x) => x.category))] as ItemCategory[];
  const rules = [...new Set(rows.map((x) => x.rule))];
  const sideItems = (s: Side) => shownItems.filter((x) => x.side === s);
  const sideTotal = (s: Side) => items.filter((x) => x.side === s).length;
  const sideTitle = (s: Side) =>
    `${names[s]} (${s}${bankAndBook ? `, ${s === bankSide ? "the bank statement" : "the books"}` : ""})`;

  return (
    <div className={styles.root}>
      <div className={styles.two}>
        {sidePicker("left")}
        {sidePicker("right")}
      </div>
      {lastRunFile && (
        <Text size={200} className={styles.muted} data-testid="recon-last-file">
          The last run ({savedOn(saved!.ranAt)}) read the statement file {lastRunFile}: add it again with Statement
          file… and its columns and decisions come back.
        </Text>
      )}

      <div className={styles.two}>
        <SideMapping
          id="left"
          title="Left"
          side={form.left}
          headers={headersIn(ctx, left)}
          onChange={(v) => setForm((f) => ({ ...f, left: v }))}
        />
        <SideMapping
          id="right"
          title="Right"
          side={form.right}
          headers={headersIn(ctx, right)}
          onChange={(v) => setForm((f) => ({ ...f, right: v }))}
        />
      </div>

      <div className={styles.three}>
        <SmallNumber
          label="Amount tolerance"
          hint="absolute"
          value={form.toleranceAmount}
          testid="recon-tolerance"
          onChange={(v) => setForm((f) => ({ ...f, toleranceAmount: v }))}
        />
        <SmallNumber
          label="or percent"
          hint="of the left amount"
          value={form.tolerancePercent}
          testid="recon-percent"
          onChange={(v) => setForm((f) => ({ ...f, tolerancePercent: v }))}
        />
        <SmallNumber
          label="Date window"
          hint="days either side"
          whole
          value={form.dateWindowDays}
          testid="recon-window"
          onChange={(v) => setForm((f) => ({ ...f, dateWindowDays: v }))}
        />
      </div>
      <Field label="Right side's sign" size="small">
        <Select
          size="small"
          value={form.flip}
          onChange={(_, d) => setForm((f) => ({ ...f, flip: d.value as FlipChoice }))}
          data-testid="recon-flip"
        >
          <option value="auto">automatic: reversed when the amounts meet only that way</option>
          <option value="as-is">as it is</option>
          <option value="reversed">reversed (both show the account from the same side)</option>
        </Select>
      </Field>

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
        <Quiet>
          <MessageBar intent="error" layout="multiline" data-testid="recon-error">
            <MessageBarBody>
              <MessageBarTitle>Cannot reconcile.</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        </Quiet>
      )}

      {run && view && (
        <section aria-labelledby="recon-result-h" data-testid="recon-summary" className={styles.root}>
          <h2 id="recon-result-h" ref={resultRef} tabIndex={-1} className={styles.h2}>
            {view.decided.matches.length} matches ({view.decided.matches.filter((m) => m.status === "confirmed").length}{" "}
            confirmed, {rows.filter((x) => x.decision === null).length} to review)
          </h2>
          <table className={styles.stats} data-testid="recon-stats">
            <caption className={styles.srOnly}>Matched and not matched, per side</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className={styles.srOnly}>Measure</span>
                </th>
                <th scope="col">{names.left}</th>
                <th scope="col">{names.right}</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  [
                    "Matched items",
                    `${view.summary.matchedLeft} of ${view.summary.left}`,
                    `${view.summary.matchedRight} of ${view.summary.right}`,
                  ],
                  [
                    "Not matched, money in",
                    formatCents(inAndOut(items.filter((x) => x.side === "left")).inCents, "en-IN"),
                    formatCents(inAndOut(items.filter((x) => x.side === "right")).inCents, "en-IN"),
                  ],
                  [
                    "Not matched, money out",
                    formatCents(inAndOut(items.filter((x) => x.side === "left")).outCents, "en-IN"),
                    formatCents(inAndOut(items.filter((x) => x.side === "right")).outCents, "en-IN"),
                  ],
                ] as const
              ).map(([label, a, b]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{a}</td>
                  <td>{b}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <section aria-labelledby="recon-filters-h" className={styles.section}>
            <h3 id="recon-filters-h" className={styles.h3}>
              Filters
            </h3>
            <div className={styles.two}>
              <Field label="Rule" size="small">
                <Select
                  size="small"
                  className={styles.fit}
                  value={filters.rule}
                  onChange={(_, d) => setFilters((f) => ({ ...f, rule: d.value }))}
                  data-testid="recon-filter-rule"
                >
                  <option value="">Any rule</option>
                  {rules.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Category" size="small">
                <Select
                  size="small"
                  className={styles.fit}
                  value={filters.category}
                  onChange={(_, d) => setFilters((f) => ({ ...f, category: d.value }))}
                  data-testid="recon-filter-category"
                >
                  <option value="">Any category</option>
                  {categories.map((c) => (
                    <option key={c} value={c}>
                      {CATEGORY_LABELS[c]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Amount from" size="small">
                <Input
                  size="small"
                  className={styles.fit}
                  value={filters.min}
                  inputMode="decimal"
                  onChange={(_, d) => setFilters((f) => ({ ...f, min: d.value }))}
                  data-testid="recon-filter-min"
                />
              </Field>
              <Field label="Amount to" size="small">
                <Input
                  size="small"
                  className={styles.fit}
                  value={filters.max}
                  inputMode="decimal"
                  onChange={(_, d) => setFilters((f) => ({ ...f, max: d.value }))}
                  data-testid="recon-filter-max"
                />
              </Field>
            </div>
            {"error" in range && (
              <Text size={200} className={styles.error} role="note">
                {range.error}
              </Text>
            )}
          </section>

          <section aria-labelledby="recon-queue-h" className={styles.section}>
            <h3 id="recon-queue-h" className={styles.h3}>
              Suggested matches: {rows.filter((x) => x.decision === null).length} of {rows.length} to review
            </h3>
            <ReviewQueue
              rows={shownRows}
              total={rows.length}
              names={names}
              decide={decide}
              acceptMany={acceptMany}
              announce={desk.announce}
            />
          </section>

          <section aria-label="Not matched" className={styles.section}>
            <UnmatchedSide
              id="recon-unmatched-left-h"
              title={sideTitle("left")}
              items={sideItems("left")}
              total={sideTotal("left")}
            />
            <UnmatchedSide
              id="recon-unmatched-right-h"
              title={sideTitle("right")}
              items={sideItems("right")}
              total={sideTotal("right")}
            />
          </section>

          <section aria-label="Rows left out and warnings" className={styles.section}>
            <ExcludedAndWarnings result={run.result} names={names} />
          </section>

          <section aria-labelledby="recon-profile-h" className={styles.section}>
            <h3 id="recon-profile-h" className={styles.h3}>
              Remember a layout
            </h3>
            <Text size={200} className={styles.muted}>
              A profile keeps a statement layout&apos;s columns, date order, sign and tolerances in this workbook, for
              everyone who opens it: next month&apos;s export of the same layout is read the same way.
            </Text>
            <div className={styles.two}>
              <Field label="Layout of" size="small">
                <Select
                  size="small"
                  className={styles.fit}
                  value={profileSide}
                  onChange={(_, d) => setProfileSide(d.value as Side)}
                  data-testid="recon-profile-side"
                >
                  <option value="left">Left: {names.left}</option>
                  <option value="right">Right: {names.right}</option>
                </Select>
              </Field>
              <Field label="Profile name" size="small">
                <Input
                  size="small"
                  className={styles.fit}
                  value={profileName}
                  onChange={(_, d) => setProfileName(d.value)}
                  data-testid="recon-profile-name"
                />
              </Field>
            </div>
            <div>
              <Button size="small" onClick={() => void saveLayout()} data-testid="recon-profile-save">
                Save profile
              </Button>
            </div>
          </section>

          <section aria-labelledby="recon-write-h" className={styles.section}>
            <h3 id="recon-write-h" className={styles.h3}>
              Write
            </h3>
            <Checkbox
              checked={highlight}
              onChange={(_, d) => setHighlight(d.checked === true)}
              label="Also highlight unmatched amounts in the workbook's source tables (removable; values are not changed)"
            />
            <div className={styles.row}>
              <Button appearance="primary" disabled={writing} onClick={() => void write()} data-testid="recon-write">
                {writing ? "Writing…" : "Write results"}
              </Button>
              {bankAndBook && (
                <Button
                  disabled={brsBusy}
                  onClick={() => void writeBrs()}
                  data-testid="recon-brs"
                  aria-describedby="recon-brs-hint"
                >
                  {brsBusy ? "Writing…" : "Bank reconciliation statement"}
                </Button>
              )}
            </div>
            {bankAndBook && (
              <Text id="recon-brs-hint" size={200} className={styles.muted}>
                The statement as of {isoFromSerial(brsAsOf)}, the last date on {names[bankSide]}, with the decisions
                above.
              </Text>
            )}
            {written && (
              <Quiet>
                <MessageBar intent="success" layout="multiline" data-testid="recon-written">
                  <MessageBarBody>{written}</MessageBarBody>
                </MessageBar>
              </Quiet>
            )}
            {brs && (
              <Outcome
                intent={brs.ok ? "success" : brs.written ? "warning" : "error"}
                title={
                  brs.written
                    ? "Bank reconciliation statement written"
                    : "The bank reconciliation statement was not written"
                }
                ref={outcomeRef}
                testid="recon-brs-result"
              >
                {brs.message}
              </Outcome>
            )}
          </section>
        </section>
      )}
    </div>
  );
}
