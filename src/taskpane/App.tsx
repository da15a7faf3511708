import * as React from "react";
import {
  AnnounceProvider,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStaticStyles,
  makeStyles,
  mergeClasses,
  tokens,
  useId,
} from "@fluentui/react-components";
import type { DeskContext } from "./desk-context";
import type { Workbook } from "../workbook/port";
import { onPaneVisibility, paneVisible, subscribe, takeNotices, takeRequestedView, type DeskView } from "./bridge";
import { EntryView } from "./views/Entry";
import { ReconcileView } from "./views/Reconcile";
import { ReportsView } from "./views/Reports";
import { WorkbenchPanel, type WorkbenchApi } from "./WorkbenchPanel";
import { AppMark, EntryIcon, ReconcileIcon, ReportsIcon } from "./icons";
import { ViewTabs } from "./ViewTabs";
import { announceContext, useLiveRegion, useNotices } from "./live";
import { settingsStore, type DeskSettings } from "./settings";
import { FLUENT_THEMES, useDeskTheme } from "./theme";

const VIEWS: { id: DeskView; label: string; hint: string; icon: React.JSX.Element }[] = [
  { id: "entry", label: "Entry", hint: "Validated entry into your tables", icon: <EntryIcon /> },
  { id: "reconcile", label: "Reconcile", hint: "Match a bank statement against the ledger", icon: <ReconcileIcon /> },
  { id: "reports", label: "Reports", hint: "One-click aging, payroll, SLA and quality reports", icon: <ReportsIcon /> },
];

/**
 * Layout rules every view shares. Fluent's Combobox asks for 250 px and a native select for its longest
 * option, either of which pushes a narrow pane (Excel's default is 320 px wide) into sideways scrolling:
 * here every field and control shrinks to the column it is in instead.
 */
const useSharedLayout = makeStaticStyles({
  ".bpo-desk .fui-Field, .bpo-desk .fui-Select, .bpo-desk .fui-Input, .bpo-desk .fui-Combobox, .bpo-desk .fui-Textarea":
    { minWidth: 0, maxWidth: "100%" },
  ".bpo-desk .fui-Select__select, .bpo-desk .fui-Combobox__input, .bpo-desk .fui-Input__input": { minWidth: 0 },
});

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  workbench: {
    display: "grid",
    gridTemplateColumns: "minmax(300px, 420px) minmax(0, 1fr)",
    height: "100vh",
    // Narrower than a pane beside a preview: the pane takes the screen's height, the preview follows below it.
    "@media (max-width: 860px)": {
      gridTemplateColumns: "minmax(0, 1fr)",
      gridTemplateRows: "100vh auto",
      height: "auto",
    },
  },
  pane: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  paneFull: { height: "100vh" },
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: "#1F4E78",
    color: "#FFFFFF",
    "@media (forced-colors: active)": {
      backgroundColor: "Canvas",
      color: "CanvasText",
      borderBottom: "1px solid CanvasText",
    },
  },
  headerText: { display: "flex", flexDirection: "column", minWidth: 0 },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase400,
  },
  subtitle: { fontSize: tokens.fontSizeBase200, opacity: 0.9 },
  banner: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, flexShrink: 0 },
  panel: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: "auto",
    overflowX: "hidden",
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
    "@media (max-width: 359px)": { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  },
  hint: { display: "block", color: tokens.colorNeutralForeground3, marginBottom: tokens.spacingVerticalM },
  footer: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
    flexShrink: 0,
  },
  footerLink: {
    color: tokens.colorBrandForegroundLink,
    // Forced colours: the system's link colour, whichever high-contrast theme Windows has on.
    "@media (forced-colors: active)": { color: "LinkText" },
  },
  loading: { padding: tokens.spacingHorizontalXL },
});

export interface AppProps {
  wb: Workbook;
  host: "excel" | "workbench";
  /** The workbench's preview and download, absent inside Excel. */
  workbench?: WorkbenchApi;
  /** A view to open first (e.g. asked for by a ribbon command before the taskpane existed). */
  initialView?: DeskView;
}

/** The shell: header, tabs, the three views, the live region and notices; in the workbench, the sheet preview beside them. */
export function App(props: AppProps): React.JSX.Element {
  const theme = useDeskTheme(props.host);
  React.useEffect(() => {
    // Native controls (a select's list, scrollbars) follow the theme too.
    document.documentElement.style.colorScheme = theme === "dark" ? "dark" : "light";
    document.documentElement.dataset.deskTheme = theme;
  }, [theme]);
  const store = React.useMemo(() => settingsStore(props.host), [props.host]);
  const [settings, setSettings] = React.useState<DeskSettings | null>(null);
  React.useEffect(() => {
    let live = true;
    void store.load().then((s) => live && setSettings(s));
    return () => {
      live = false;
    };
  }, [store]);
  const saveSettings = React.useCallback(
    (next: DeskSettings) => {
      setSettings(next);
      void store.save(next);
    },
    [store],
  );
  return (
    <FluentProvider theme={FLUENT_THEMES[theme]} className="bpo-desk" data-theme={theme}>
      {settings ? (
        <Shell {...props} settings={settings} saveSettings={saveSettings} />
      ) : (
        <Spinner size="small" label="Opening BPO Desk…" style={{ padding: 24 }} />
      )}
    </FluentProvider>
  );
}

function Shell({
  wb,
  host,
  workbench,
  initialView,
  settings,
  saveSettings,
}: AppProps & { settings: DeskSettings; saveSettings(s: DeskSettings): void }): React.JSX.Element {
  useSharedLayout();
  const styles = useStyles();
  const tabsId = useId("tab");
  const { announce, region } = useLiveRegion();
  const { notify, strip } = useNotices(announce);
  const announcer = React.useMemo(() => announceContext(announce), [announce]);
  const [view, setView] = React.useState<DeskView>(() => initialView ?? takeRequestedView() ?? "entry");
  const [visited, setVisited] = React.useState<Set<DeskView>>(() => new Set([view]));
  const [revision, setRevision] = React.useState(0);
  const revisionRef = React.useRef(0);
  const [previewSheet, setPreviewSheet] = React.useState<string | null>(null);
  const visible = React.useSyncExternalStore(onPaneVisibility, paneVisible, () => true);
  // The views mount the first time the pane is seen: in the shared runtime the page starts with the pane
  // hidden whenever a custom function or a ribbon command started it, and nothing should read the workbook then.
  const [seen, setSeen] = React.useState(visible);
  if (visible && !seen) setSeen(true);

  const select = React.useCallback((next: DeskView) => {
    setView(next);
    setVisited((v) => (v.has(next) ? v : new Set(v).add(next)));
  }, []);

  // Requests from the ribbon commands (same page, shared runtime).
  React.useEffect(() => {
    const apply = () => {
      const v = takeRequestedView();
      if (v) select(v);
      for (const n of takeNotices()) notify(n.message, n.intent);
    };
    apply();
    return subscribe(apply);
  }, [notify, select]);

  const desk: DeskContext = React.useMemo(
    () => ({
      wb,
      host,
      notify,
      announce,
      showSheet: (name: string) => {
        if (host === "workbench") setPreviewSheet(name);
      },
      changed: () => {
        revisionRef.current += 1;
        setRevision(revisionRef.current);
        return revisionRef.current;
      },
      revision,
      visible,
      settings,
      saveSettings,
    }),
    [wb, host, notify, announce, revision, visible, settings, saveSettings],
  );

  const current = VIEWS.find((v) => v.id === view) ?? VIEWS[0];
  const mounted = (id: DeskView) => seen && visited.has(id);

  const pane = (
    <main className={mergeClasses(styles.pane, styles.paneFull)} aria-label="BPO Desk">
      <header className={styles.header}>
        <AppMark />
        <div className={styles.headerText}>
          <h1 className={styles.title}>BPO Desk</h1>
          <span className={styles.subtitle}>Back-office entry, reconciliation and reports</span>
        </div>
      </header>
      {region}
      {host === "workbench" && (
        <MessageBar intent="info" className={styles.banner} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Workbench:</MessageBarTitle>
            {workbench?.source
              ? `running against ${workbench.source}, opened in this browser, not Excel`
              : "running against an in-browser demo workbook, not Excel"}
          </MessageBarBody>
        </MessageBar>
      )}
      <ViewTabs
        tabs={VIEWS.map((v) => ({ ...v, mounted: mounted(v.id) }))}
        selected={view}
        onSelect={select}
        idBase={tabsId}
        label="BPO Desk views"
      />
      {VIEWS.map((v) =>
        mounted(v.id) ? (
          <div
            key={v.id}
            role="tabpanel"
            id={`${tabsId}-${v.id}-panel`}
            aria-labelledby={`${tabsId}-${v.id}`}
            hidden={v.id !== view}
            tabIndex={0}
            className={styles.panel}
            data-view={v.id}
          >
            <Text size={200} className={styles.hint}>
              {v.hint}
            </Text>
            {v.id === "entry" && <EntryView desk={desk} />}
            {v.id === "reconcile" && <ReconcileView desk={desk} />}
            {v.id === "reports" && <ReportsView desk={desk} />}
          </div>
        ) : null,
      )}
      {strip}
      <footer className={styles.footer}>
        {host === "excel"
          ? "Connected to this workbook"
          : workbench?.source
            ? `${workbench.source}: read in this browser, nothing leaves it`
            : "Demo data: generated sample, nothing leaves this browser"}
        {" · "}
        {current.label}
        {" · "}
        <a href="help.html" target="_blank" rel="noopener" className={styles.footerLink}>
          Help
        </a>
      </footer>
    </main>
  );

  return (
    <AnnounceProvider value={announcer}>
      <div className={mergeClasses(styles.root, workbench && styles.workbench)}>
        {pane}
        {workbench && (
          <WorkbenchPanel api={workbench} revision={revision} sheet={previewSheet} onSheet={setPreviewSheet} />
        )}
      </div>
    </AnnounceProvider>
  );
}
