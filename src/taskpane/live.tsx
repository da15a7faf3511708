/**
 * The pane's one live region and its notice strip.
 *
 * Everything the pane says to a screen reader goes through one polite status region inside the main
 * landmark: the views' results (DeskContext.announce), and Fluent's own announcements (MessageBar, which
 * reads useAnnounce), routed there with AnnounceProvider, so no component brings a live region of its own.
 *
 * Notices (a ribbon command's outcome, a background failure) show one at a time in a strip at the foot of
 * the pane, in the page's flow: the scrolling panel above it gets shorter, so a notice never covers a
 * control, the next Run button included. The rest wait their turn.
 */
import * as React from "react";
import {
  AnnounceProvider,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  tokens,
  type AnnounceContextValue,
} from "@fluentui/react-components";

export type NoticeIntent = "success" | "error" | "warning" | "info";

const useStyles = makeStyles({
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
  strip: {
    flexShrink: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

/** The live region's element and the function that speaks through it. */
export function useLiveRegion(): { announce: (message: string) => void; region: React.JSX.Element } {
  const styles = useStyles();
  const ref = React.useRef<HTMLDivElement>(null);
  const pending = React.useRef<string[]>([]);
  const timer = React.useRef<ReturnType<typeof setTimeout> | null>(null);
  const clear = React.useRef<ReturnType<typeof setTimeout> | null>(null);
  const announce = React.useCallback((message: string) => {
    const text = message.trim();
    if (!text) return;
    pending.current.push(text);
    if (timer.current) return;
    if (clear.current) clearTimeout(clear.current);
    // Emptied first and filled a moment later, so the same words said twice are heard twice; messages of
    // the same moment are said together.
    if (ref.current) ref.current.textContent = "";
    timer.current = setTimeout(() => {
      timer.current = null;
      const said = pending.current.splice(0).join(" ");
      if (!ref.current) return;
      const span = document.createElement("span");
      span.textContent = said;
      ref.current.replaceChildren(span);
      // What was last said stays readable (for tests and the curious) once the words leave the region,
      // which they do after a moment, as Fluent's announcer does, so they are not found again on the page.
      ref.current.dataset.said = said;
      clear.current = setTimeout(() => ref.current?.replaceChildren(), 1500);
    }, 60);
  }, []);
  React.useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (clear.current) clearTimeout(clear.current);
    },
    [],
  );
  const region = (
    <div ref={ref} role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-live-region="" />
  );
  return { announce, region };
}

/** Fluent's announce (MessageBar, ...) routed to the one live region. */
export function announceContext(announce: (message: string) => void): AnnounceContextValue {
  return { announce: (message: string) => announce(message) };
}

const SILENT: AnnounceContextValue = { announce: () => undefined };

/** Messages a view says itself (desk.announce) and that the MessageBars inside should not say again. */
export function Quiet({ children }: { children: React.ReactNode }): React.JSX.Element {
  return <AnnounceProvider value={SILENT}>{children}</AnnounceProvider>;
}

interface Notice {
  id: number;
  message: string;
  intent: NoticeIntent;
}

/** One notice at a time: notify() queues, the strip shows the head of the queue until it times out or is dismissed. */
export function useNotices(announce: (message: string) => void): {
  notify: (message: string, intent?: NoticeIntent) => void;
  strip: React.JSX.Element | null;
} {
  const styles = useStyles();
  const [queue, setQueue] = React.useState<Notice[]>([]);
  const [held, setHeld] = React.useState(false);
  const next = React.useRef(1);
  const notify = React.useCallback((message: string, intent: NoticeIntent = "info") => {
    setQueue((q) => [...q, { id: next.current++, message, intent }]);
  }, []);
  const head = queue[0];
  const dismiss = React.useCallback(() => setQueue((q) => q.slice(1)), []);
  React.useEffect(() => {
    if (!head) return;
    announce(head.message);
  }, [head, announce]);
  React.useEffect(() => {
    if (!head || held) return;
    const t = setTimeout(dismiss, head.intent === "error" ? 10000 : 5000);
    return () => clearTimeout(t);
  }, [head, held, dismiss]);
  const strip = head ? (
    <div
      className={styles.strip}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      data-notice={head.intent}
    >
      {/* Said once through the live region above, not again by the MessageBar. */}
      <AnnounceProvider value={SILENT}>
        <MessageBar key={head.id} intent={head.intent} layout="multiline">
          <MessageBarBody>{head.message}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={dismiss}>
              {queue.length > 1 ? `Next (${queue.length - 1})` : "Dismiss"}
            </Button>
          </MessageBarActions>
        </MessageBar>
      </AnnounceProvider>
    </div>
  ) : null;
  return { notify, strip };
}
