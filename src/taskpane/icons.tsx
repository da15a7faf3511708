import * as React from "react";

/** Small inline icons (20px, currentColor) so the shell needs no icon package. */
function Svg({ children, size = 20 }: { children: React.ReactNode; size?: number }): React.JSX.Element {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" fill="none" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function EntryIcon(): React.JSX.Element {
  return (
    <Svg>
      <rect x="3" y="3" width="14" height="14" rx="2" stroke="currentColor" strokeWidth="1.4" />
      <path d="M6 7h8M6 10h8M6 13h5" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </Svg>
  );
}

export function ReconcileIcon(): React.JSX.Element {
  return (
    <Svg>
      <path
        d="M4 7h10l-3-3M16 13H6l3 3"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </Svg>
  );
}

export function ReportsIcon(): React.JSX.Element {
  return (
    <Svg>
      <path d="M4 16V9M8 16V5M12 16v-4M16 16V7" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </Svg>
  );
}

export function DownloadIcon(): React.JSX.Element {
  return (
    <Svg>
      <path
        d="M10 3v9m0 0-3.5-3.5M10 12l3.5-3.5M4 15.5h12"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </Svg>
  );
}

/** The add-in's mark: a white ledger grid on the brand square. */
export function AppMark(): React.JSX.Element {
  return (
    <svg width={32} height={32} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#FFFFFF" fillOpacity="0.16" />
      <rect x="7" y="7" width="18" height="18" rx="2" fill="none" stroke="#FFFFFF" strokeWidth="1.8" />
      <path d="M7 13h18M7 19h18M14 7v18" stroke="#FFFFFF" strokeWidth="1.6" />
      <circle cx="23" cy="23" r="5" fill="#70AD47" stroke="#1F4E78" strokeWidth="1.5" />
      <path
        d="M20.8 23l1.5 1.5 2.9-3"
        stroke="#FFFFFF"
        strokeWidth="1.4"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
