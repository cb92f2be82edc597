import { redact } from "./redact.js";

export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Anything console-shaped: console itself, pino, winston, a test spy. */
export interface Logger {
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

const LEVELS: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** Turns an env value such as "DEBUG" into a level; undefined for anything unknown. */
export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  const level = value?.trim().toLowerCase();
  return level && level in LEVELS ? (level as LogLevel) : undefined;
}

/** The runtime's own logger: drops what the level hides and redacts everything it passes on. */
export interface Log extends Logger {
  enabled(level: Exclude<LogLevel, "off">): boolean;
}

export function createLog(
  level: LogLevel = "warn",
  logger: Logger = console,
  secrets: () => readonly string[] = () => [],
): Log {
  const threshold = LEVELS[level] ?? LEVELS.warn;
  const at =
    (name: Exclude<LogLevel, "off">) =>
    (message: string, ...args: unknown[]): void => {
      if (LEVELS[name] > threshold) return;
      const s = secrets();
      logger[name](redact(`[sso] ${message}`, s), ...args.map((arg) => redact(arg, s)));
    };
  return {
    enabled: (name) => LEVELS[name] <= threshold,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}

/** A Log that says nothing, for code paths used without a client (e.g. a bare token provider). */
export const silentLog: Log = /* @__PURE__ */ createLog("off");
