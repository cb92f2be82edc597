import type { AnchorsState } from "./anchors.ts";
import type { Mode } from "./config.ts";
import type { Section } from "./report.ts";

export interface Context {
  mode: Mode;
  anchors: AnchorsState;
  /** progress line on stderr (the table goes to stdout) */
  log: (line: string) => void;
}

export type Suite = (ctx: Context) => Promise<Section>;

/** The reason anchor rows are missing when the anchors could not be installed. */
export function anchorsMissing(ctx: Context): string {
  return `anchors not installed (${ctx.anchors.detail}); run pnpm bench`;
}
