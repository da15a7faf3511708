/**
 * The pane's tab list (Entry, Reconcile, Reports): the WAI-ARIA tabs pattern with manual activation. One
 * tab is in the Tab order (the selected one); the arrow keys, Home and End move between tabs; Enter or
 * Space opens the focused one.
 *
 * Fluent's TabList does the same with a Tabster arrow group whose focus traps are <i tabindex="0"
 * aria-hidden="true"> elements, which axe-core rightly reports as focusable content hidden from assistive
 * technology (aria-hidden-focus). A roving tabindex needs no hidden elements.
 */
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

export interface ViewTab<V extends string> {
  id: V;
  label: string;
  icon: React.JSX.Element;
  /** Whether the tab's panel is in the page (aria-controls may only name an element that exists). */
  mounted: boolean;
}

const useStyles = makeStyles({
  list: {
    display: "flex",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    columnGap: tokens.spacingHorizontalXXS,
  },
  tab: {
    flex: "1 1 0",
    minWidth: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    columnGap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: "pointer",
    position: "relative",
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
    // A narrow pane (Excel's default is 320 px) stacks the icon over the label, so three tabs fit.
    "@media (max-width: 359px)": { flexDirection: "column", rowGap: "2px", fontSize: tokens.fontSizeBase200 },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    "::after": {
      content: '""',
      position: "absolute",
      left: tokens.spacingHorizontalS,
      right: tokens.spacingHorizontalS,
      bottom: 0,
      height: "3px",
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
    "@media (forced-colors: active)": { "::after": { backgroundColor: "Highlight" } },
  },
  label: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", maxWidth: "100%" },
});

export interface ViewTabsProps<V extends string> {
  tabs: readonly ViewTab<V>[];
  selected: V;
  onSelect(id: V): void;
  /** id prefix: tab `${idBase}-${id}`, panel `${idBase}-${id}-panel`. */
  idBase: string;
  label: string;
}

export function ViewTabs<V extends string>({
  tabs,
  selected,
  onSelect,
  idBase,
  label,
}: ViewTabsProps<V>): React.JSX.Element {
  const styles = useStyles();
  const refs = React.useRef(new Map<V, HTMLButtonElement>());
  const move = (from: number, e: React.KeyboardEvent) => {
    const last = tabs.length - 1;
    const to =
      e.key === "ArrowRight" || e.key === "ArrowDown"
        ? (from + 1) % tabs.length
        : e.key === "ArrowLeft" || e.key === "ArrowUp"
          ? (from + last) % tabs.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? last
              : -1;
    if (to < 0) return;
    e.preventDefault();
    refs.current.get(tabs[to].id)?.focus();
  };
  // The focused tab holds tabIndex 0 while the arrows move it, so Tab leaves the list from where the user is.
  const [focusedId, setFocusedId] = React.useState<V | null>(null);
  const stop = focusedId ?? selected;
  return (
    <div role="tablist" aria-label={label} className={styles.list} onBlur={() => setFocusedId(null)}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            if (el) refs.current.set(t.id, el);
            else refs.current.delete(t.id);
          }}
          type="button"
          role="tab"
          id={`${idBase}-${t.id}`}
          aria-selected={t.id === selected}
          aria-controls={t.mounted ? `${idBase}-${t.id}-panel` : undefined}
          tabIndex={t.id === stop ? 0 : -1}
          className={mergeClasses(styles.tab, t.id === selected && styles.selected)}
          onClick={() => onSelect(t.id)}
          onFocus={() => setFocusedId(t.id)}
          onKeyDown={(e) => move(i, e)}
        >
          {t.icon}
          <span className={styles.label}>{t.label}</span>
        </button>
      ))}
    </div>
  );
}
