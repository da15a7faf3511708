import * as React from "react";
import { Text } from "@fluentui/react-components";
import type { ViewProps } from "../desk-context";

/** The Reports view (placeholder until its capability lands). */
export function ReportsView(_props: ViewProps): React.JSX.Element {
  return <Text>Reports is not available in this version yet.</Text>;
}
