/**
 * What `@sso/keycard/testing` resolves to in a browser bundle (the `browser` export condition). The fake server
 * runs on `node:http`, which no browser has: importing it there throws this one error instead of a bundler's
 * "Could not resolve node:crypto". It imports nothing, so a bundle never pulls in a Node built-in through it.
 */
const MESSAGE =
  "@sso/keycard/testing starts a fake server on node:http and cannot run in a browser. Start it in Node (for example in your test runner's global setup) and give the browser test its baseURL and credentials: the fake answers CORS.";

function refused(): never {
  throw new Error(MESSAGE);
}

/** Throws on import; the export names below only let bundles that name them build, and are never reached. */
function refuseOnImport(): void {
  throw new Error(MESSAGE);
}

refuseOnImport();

export { refused as startFakeServer };
