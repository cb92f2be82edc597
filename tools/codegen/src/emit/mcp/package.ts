import { printStructure, StructureKind } from "ts-morph";
import type { ApiModel } from "../../ir/model.js";
import { compare } from "../../json.js";
import { GENERATED_DIR } from "../../output/readme.js";
import { emitContext } from "../context.js";
import type { Formatter } from "../format.js";
import { type OutputFile, PRINT, spaced } from "../package.js";
import type { FileStructures } from "../resources.js";
import { headerLine } from "../text.js";
import { mcpIndexFile } from "./index-file.js";
import { providerFile } from "./provider-file.js";

/**
 * Every generated file of `packages/mcp`, in memory, paths relative to the package: one file per spec with its
 * tools, and the index of providers. The same IR the clients are generated from; no other reading of a spec.
 */
export function emitMcp(models: readonly ApiModel[], formatter: Formatter): OutputFile[] {
  const sorted = [...models].sort((a, b) => compare(a.name, b.name));
  const files: Array<{ structures: FileStructures; specs: string }> = [
    ...sorted.map((model) => ({
      structures: providerFile(model, emitContext(model, formatter).components),
      specs: model.specFile,
    })),
    { structures: mcpIndexFile(sorted), specs: sorted.map((m) => m.specFile).join(", ") },
  ];
  return files
    .map(({ structures: { file, statements }, specs }) => {
      const code = printStructure({ kind: StructureKind.SourceFile, statements: spaced(statements) }, PRINT);
      return {
        path: `${GENERATED_DIR}/${file}`,
        content: formatter.format(`// ${headerLine(specs)}\n${code}`, file),
      };
    })
    .sort((a, b) => compare(a.path, b.path));
}
