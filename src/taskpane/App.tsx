import * as React from "react";
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Text,
  Toast,
  ToastTitle,
  Toaster,
  makeStyles,
  mergeClasses,
  tokens,
  useId,
  useToastController,
  webLightTheme,
  type SelectTabData,
} from "@fluentui/react-components";
import type { DeskContext } from "./desk-context";
import type { Workbook } from "../workbook/port";
import {
  onPaneVisibility,
  paneVisible,
  subscribe,
  takeNotices,
  takeRequestedView,
  type DeskView,
  type NoticeIntent,
} from "./bridge";
import { EntryView } from "./views/Entry";
import { ReconcileView } from "./views/Reconcile";
import { ReportsView } from "./views/Reports";
import { WorkbenchPanel, type WorkbenchApi } from "./WorkbenchPanel";
import { AppMark, EntryIcon, ReconcileIcon, ReportsIcon } from "./icons";

const VIEWS: { id: DeskView; label: string; hint: string; icon: React.JSX.Element }[] = [
  { id: "entry", label: "Entry", hint: "Validated entry into your tables", icon: <EntryIcon /> },
  { id: "reconcile", label: "Reconcile", hint: "Match a bank statement against the ledger", icon: <ReconcileIcon /> },
  { id: "reports", label: "Reports", hint: "One-click aging, payroll, SLA and quality reports", icon: <ReportsIcon /> },
];

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  workbench: {
    display: "grid",
    gridTemplateColumns: "minmax(340px, 420px) minmax(0, 1fr)",
    height: "100vh",
    "@media (max-width: 860px)": { gridTemplateColumns: "1fr", height: "auto" },
  },
  pane: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  paneFull: { minHeight: "100vh" },
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: "#1F4E78",
    color: tokens.colorNeutralForegroundOnBrand,
  },
  headerText: { display: "flex", flexDirection: "column", minWidth: 0 },
  title: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase400,
  },
  subtitle: { fontSize: tokens.fontSizeBase200, opacity: 0.85 },
  banner: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, flexShrink: 0 },
  tabs: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  panel: {
    flexGrow: 1,
    overflowY: "auto",
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  hint: { display: "block", color: tokens.colorNeutralForeground3, marginBottom: tokens.spacingVerticalM },
  footer: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
  },
  footerLink: { color: tokens.colorBrandForegroundLink },
});

export interface AppProps {
  wb: Workbook;
  host: "excel" | "workbench";
  /** The workbench's preview and download, absent inside Excel. */
  workbench?: WorkbenchApi;
  /** A view to open first (e.g. asked for by a ribbon command before the taskpane existed). */
  initialView?: DeskView;
}

/** The shell: header, tabs, the three views, toasts; in the workbench, the sheet preview beside them. */
export function App(props: AppProps): React.JSX.Element {
  return (
    <FluentProvider theme={webLightTheme}>
      <Shell {...props} />
    </FluentProvider>
  );
}

function Shell({ wb, host, workbench, initialView }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const toasterId = useId("toaster");
  const tabsId = useId("tab");
  const { dispatchToast } = useToastController(toasterId);
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

  const notify = React.useCallback(
    (message: string, intent: NoticeIntent = "info") => {
      dispatchToast(
        <Toast>
          <ToastTitle>{message}</ToastTitle>
        </Toast>,
        { intent, timeout: intent === "error" ? 10000 : 5000, politeness: intent === "error" ? "assertive" : "polite" },
      );
    },
    [dispatchToast],
  );

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
    }),
    [wb, host, notify, revision, visible],
  );

  const onTabSelect = (_: unknown, data: SelectTabData) => select(data.value as DeskView);
  const current = VIEWS.find((v) => v.id === view) ?? VIEWS[0];

  const pane = (
    <section className={mergeClasses(styles.pane, !workbench && styles.paneFull)} aria-label="BPO Desk taskpane">
      <header className={styles.header}>
        <AppMark />
        <div className={styles.headerText}>
          <h1 className={styles.title} style={{ margin: 0 }}>
            BPO Desk
          </h1>
          <span className={styles.subtitle}>Back-office entry, reconciliation and reports</span>
        </div>
      </header>
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
      <TabList
        className={styles.tabs}
        selectedValue={view}
        onTabSelect={onTabSelect}
        aria-label="BPO Desk views"
        size="medium"
      >
        {VIEWS.map((v) => (
          <Tab key={v.id} value={v.id} id={`${tabsId}-${v.id}`} icon={v.icon} aria-controls={`${tabsId}-${v.id}-panel`}>
            {v.label}
          </Tab>
        ))}
      </TabList>
      {VIEWS.map((v) =>
        seen && visited.has(v.id) ? (
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
    </section>
  );

  return (
    <div className={mergeClasses(styles.root, workbench && styles.workbench)}>
      {pane}
      {workbench && (
        <WorkbenchPanel api={workbench} revision={revision} sheet={previewSheet} onSheet={setPreviewSheet} />
      )}
      <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />
    </div>
  );
}
