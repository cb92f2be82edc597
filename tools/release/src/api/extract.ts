import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
} from "@microsoft/api-extractor";
import { type ApiEntry, publishedEntries } from "./entries.ts";

export interface ReportResult {
  ok: boolean;
  lines: string[];
}

/**
 * Writes (`check: false`, as `pnpm api:report`) or checks (`check: true`, as CI) the API Extractor report of
 * every published package's built `.d.ts` entries: `packages/<p>/etc/<p>.api.md` and `<p>-testing.api.md`.
 * Needs `pnpm build` first: the report is of what ships, not of the sources.
 */
export function apiReports(root: string, options: { check: boolean }): ReportResult {
  const temp = mkdtempSync(join(tmpdir(), "sso-api-report-"));
  const lines: string[] = [];
  let ok = true;
  try {
    for (const entry of publishedEntries(root)) {
      const result = extract(entry, temp, options.check);
      lines.push(...result.lines);
      ok &&= result.ok;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  if (!ok && options.check) {
    lines.push("", "Run `pnpm build && pnpm api:report`, review the diff of packages/*/etc/, and commit it.");
  }
  return { ok, lines };
}

function extract(entry: ApiEntry, temp: string, check: boolean): ReportResult {
  mkdirSync(join(entry.dir, "etc"), { recursive: true });
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: entry.dir,
      // LF like every other file in the repository (API Extractor writes CRLF by default).
      newlineKind: "lf",
      mainEntryPointFilePath: entry.dts,
      compiler: {
        overrideTsconfig: {
          // The /testing entries run a node:http fake, so their declarations name Node types (Buffer, IncomingMessage).
          compilerOptions: {
            strict: true,
            module: "nodenext",
            moduleResolution: "nodenext",
            target: "es2022",
            types: ["node"],
          },
          files: [entry.dts],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: entry.reportName,
        reportFolder: join(entry.dir, "etc"),
        reportTempFolder: join(temp, entry.reportName),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // The report is the contract; missing release tags and TSDoc style are not what this gate is about.
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.Warning },
          "ae-missing-release-tag": { logLevel: ExtractorLogLevel.None },
          "ae-unresolved-link": { logLevel: ExtractorLogLevel.None },
          "ae-undocumented": { logLevel: ExtractorLogLevel.None },
          // A type used but not exported stays visible: API Extractor writes the warning into the report.
          "ae-forgotten-export": { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
      },
    },
    configObjectFullPath: join(entry.dir, "api-extractor.json"),
    packageJsonFullPath: join(entry.dir, "package.json"),
  });
  const messages: string[] = [];
  const result = Extractor.invoke(config, {
    localBuild: !check,
    messageCallback: (message: ExtractorMessage) => {
      message.handled = true;
      // API Extractor's own console notes ("report created, add it to Git") repeat what this tool prints.
      if (String(message.messageId).startsWith("console-")) return;
      if (message.logLevel === "error" || message.logLevel === "warning") {
        messages.push(`     ${message.logLevel}: ${message.formatMessageWithLocation(entry.dir)}`);
      }
    },
  });
  const report = `${entry.relativeDir}/etc/${entry.reportName}.api.md`;
  if (check && result.apiReportChanged) {
    return {
      ok: false,
      lines: [`FAIL ${report} is stale: the built .d.ts of ${entry.label} differs`, ...messages],
    };
  }
  if (result.errorCount > 0) {
    return { ok: false, lines: [`FAIL ${entry.label}: API Extractor failed`, ...messages] };
  }
  return {
    ok: true,
    lines: [`${check ? "ok  " : result.apiReportChanged ? "wrote" : "same"} ${report}`, ...messages],
  };
}
