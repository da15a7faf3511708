import * as React from "react";
import { Text } from "@fluentui/react-components";
import type { ViewProps } from "../desk-context";

/** The Entry view (placeholder until its capability lands). */
export function EntryView(_props: ViewProps): React.JSX.Element {
  return <Text>Entry is not available in this version yet.</Text>;
}
