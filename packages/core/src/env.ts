interface EnvGlobals {
  process?: { env?: Record<string, string | undefined> };
  Deno?: { env?: { get?(key: string): string | undefined } };
}

/** Reads an environment variable where the runtime has them (Node, Bun, Deno), else undefined; blank counts as unset. */
export function readEnv(name: string): string | undefined {
  const g = globalThis as EnvGlobals;
  try {
    return (g.process?.env?.[name] ?? g.Deno?.env?.get?.(name))?.trim() || undefined;
  } catch {
    return undefined; // Deno without --allow-env throws
  }
}

/** Why this runtime lets nobody read environment variables, or undefined when it does. */
export function envUnreadable(): string | undefined {
  const g = globalThis as EnvGlobals;
  if (g.process?.env) return undefined;
  if (g.Deno?.env?.get) {
    try {
      g.Deno.env.get("PATH");
      return undefined;
    } catch {
      return "Deno runs without --allow-env";
    }
  }
  return "this runtime has no environment variables (a browser, or a Cloudflare Worker without the nodejs_compat flag)";
}

/**
 * The message for a credential that neither an option nor the environment supplied. Where the runtime cannot
 * read the environment at all, it says so instead of telling the caller to set a variable that may be set.
 */
export function missingCredential(what: string, pass: string, names: string): string {
  const unreadable = envUnreadable();
  return unreadable
    ? `${what}. ${pass}; ${names} cannot be read here: ${unreadable}. Pass the value explicitly (in a Worker, from its \`env\` binding).`
    : `${what}. ${pass}, or set ${names}.`;
}
