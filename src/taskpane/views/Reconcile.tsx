import * as React from "react";
import { Text } from "@fluentui/react-components";
import type { ViewProps } from "../desk-context";

/** The Reconcile view (placeholder until its capability lands). */
export function ReconcileView(_props: ViewProps): React.JSX.Element {
  return <Text>Reconcile is not available in this version yet.</Text>;
}
