import { installServer } from "../src/server.ts";

/** Installs the pinned server once before the tests, outside any test's timeout (`npm ci` takes a minute cold). */
export default function setup(): void {
  installServer();
}
