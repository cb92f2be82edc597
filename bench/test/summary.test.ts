import { describe, expect, it } from "vitest";
import { compared } from "../src/summary.ts";

describe("compared", () => {
  it.each([
    [100, 120, "1.20× smaller than"],
    [108, 100, "1.08× the size of"],
    [100, 100, "the same size as"],
  ])("%d bytes against %d: %s", (ours, theirs, expected) => {
    expect(compared(ours, theirs)).toBe(expected);
  });
});
