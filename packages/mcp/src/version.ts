/** This package's version, sent in the User-Agent. `pnpm version-packages` rewrites it; a test checks it matches package.json. */
export const VERSION = "0.1.0";
