/**
 * Which of Fluent's themes the pane wears: light, dark or high contrast, following Office.
 *
 * Inside Excel: Office.context.officeTheme (Black and Dark Gray are dark; Colorful and White light).
 * @types/office-js gives officeTheme no requirement set for Excel (it lists Excel on the web, Windows, Mac
 * and iPad as supported); it is read guarded all the same. The only theme-change event,
 * Office.EventType.OfficeThemeChanged, is Mailbox 1.14 (Outlook), so in Excel the theme is read again
 * whenever the pane is shown or gets the focus, which is when a changed theme can first be seen.
 * Windows high contrast reaches the pane's web view as `forced-colors: active`, in Excel as in a browser.
 * In the workbench: prefers-color-scheme and forced-colors, or ?theme=light|dark|contrast for screenshots.
 */
import * as React from "react";
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import { onPaneVisibility } from "./bridge";

export type ThemeName = "light" | "dark" | "contrast";

export const FLUENT_THEMES: Record<ThemeName, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** ?theme=dark in the page's address, for screenshots and tests; null when absent or unknown. */
export function requestedTheme(search: string): ThemeName | null {
  const m = /[?&]theme=(light|dark|contrast)(?:&|$)/.exec(search);
  return m ? (m[1] as ThemeName) : null;
}

/** Relative luminance of "#RRGGBB" (WCAG 2), or null for anything else. */
function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  if (!m) return null;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The theme Office shows, from Office.context.officeTheme: isDarkTheme where the host reports it, else the
 * body background's luminance. Null outside Office or when the host gives no theme.
 */
export function officeThemeName(theme: Partial<Office.OfficeTheme> | undefined | null): ThemeName | null {
  if (!theme) return null;
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme ? "dark" : "light";
  const l = luminance(theme.bodyBackgroundColor);
  return l === null ? null : l < 0.2 ? "dark" : "light";
}

function media(query: string): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia(query).matches;
}

function currentOfficeTheme(): Partial<Office.OfficeTheme> | null {
  try {
    return typeof Office !== "undefined" ? (Office.context?.officeTheme ?? null) : null;
  } catch {
    return null;
  }
}

/** The theme for this host now. */
export function deskTheme(host: "excel" | "workbench", search = ""): ThemeName {
  const asked = host === "workbench" ? requestedTheme(search) : null;
  if (asked) return asked;
  if (media("(forced-colors: active)")) return "contrast";
  if (host === "excel") {
    const office = officeThemeName(currentOfficeTheme());
    if (office) return office;
  }
  return media("(prefers-color-scheme: dark)") ? "dark" : "light";
}

/** The pane's theme, kept current: media-query changes everywhere, and in Excel a re-read when the pane is shown or focused. */
export function useDeskTheme(host: "excel" | "workbench"): ThemeName {
  const search = typeof window !== "undefined" ? window.location.search : "";
  const [name, setName] = React.useState<ThemeName>(() => deskTheme(host, search));
  React.useEffect(() => {
    const update = () => setName(deskTheme(host, search));
    const queries = ["(forced-colors: active)", "(prefers-color-scheme: dark)"]
      .map((q) => (typeof window.matchMedia === "function" ? window.matchMedia(q) : null))
      .filter((q): q is MediaQueryList => q !== null);
    for (const q of queries) q.addEventListener("change", update);
    const stopVisibility = host === "excel" ? onPaneVisibility(update) : () => undefined;
    if (host === "excel") window.addEventListener("focus", update);
    return () => {
      for (const q of queries) q.removeEventListener("change", update);
      stopVisibility();
      window.removeEventListener("focus", update);
    };
  }, [host, search]);
  return name;
}
