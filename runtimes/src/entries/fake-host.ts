/**
 * Runs the three fakes in whatever runtime starts this file (Node, Deno, Bun), prints `ENDPOINTS <json>` on one
 * line, and serves until a client posts `/shutdown` to the control server.
 */
import { startFakes } from "../host/fakes.js";
import { runtimeInfo } from "./runtime-info.js";

const fakes = await startFakes();
const info = runtimeInfo();
console.log(`ENDPOINTS ${JSON.stringify({ ...fakes.endpoints, host: info })}`);
await fakes.shutdownRequested;
await fakes.close();
process.exit(0);
