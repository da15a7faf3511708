/**
 * A yes/no question as a modal dialog, on the browser's own <dialog> (showModal): focus moves into it and
 * stays there, the rest of the pane is inert, Esc answers no, and the focus returns where it was.
 *
 * Fluent's Dialog does the same through Tabster's modalizer, which, once any Dialog has rendered, keeps
 * focus-trap elements (<i tabindex="0" aria-hidden="true">) at both ends of the page for good; axe-core
 * reports them as focusable content hidden from assistive technology (aria-hidden-focus).
 */
import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  dialog: {
    maxWidth: "min(92vw, 420px)",
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorTransparentStroke}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow64,
    fontFamily: tokens.fontFamilyBase,
    "::backdrop": { backgroundColor: "rgba(0, 0, 0, 0.4)" },
  },
  title: {
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  body: {
    margin: `0 0 ${tokens.spacingVerticalL}`,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  actions: { display: "flex", flexWrap: "wrap", justifyContent: "flex-end", gap: tokens.spacingHorizontalS },
});

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: React.ReactNode;
  /** The yes button, focused when the dialog opens: Enter answers yes. */
  confirm: string;
  cancel: string;
  onConfirm(): void;
  /** No: the cancel button, Esc, or the dialog closing any other way. */
  onCancel(): void;
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirm,
  cancel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps): React.JSX.Element {
  const styles = useStyles();
  const ref = React.useRef<HTMLDialogElement>(null);
  const titleId = React.useId();
  const bodyId = React.useId();
  React.useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        // Esc: the browser would close the dialog itself; the answer goes through onCancel like the button's.
        e.preventDefault();
        onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className={styles.title}>
            {title}
          </h2>
          <p id={bodyId} className={styles.body}>
            {children}
          </p>
          <div className={styles.actions}>
            <Button appearance="primary" autoFocus onClick={onConfirm}>
              {confirm}
            </Button>
            <Button onClick={onCancel}>{cancel}</Button>
          </div>
        </>
      )}
    </dialog>
  );
}
