/** Where generated output lives in a package, and the markers of the README section the generator owns. */

/** Everything in a package's `src/generated/` is the generator's. */
export const GENERATED_DIR = "src/generated";
export const README_START = "<!-- operations:start -->";
export const README_END = "<!-- operations:end -->";

/** The README's generated section, markers included, or undefined when the markers are missing. */
export function readmeSectionOf(readme: string): string | undefined {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END, start);
  return start < 0 || end < 0 ? undefined : readme.slice(start, end + README_END.length);
}
