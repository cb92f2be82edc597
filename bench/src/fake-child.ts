/**
 * Runs one @sso fake server in its own process, so that the loopback benchmark's client process does not
 * share its event loop with the server. Prints one JSON line (baseURL + credentials), then serves until
 * stdin closes or SIGTERM. Usage: node --import tsx src/fake-child.ts <provider>
 */
import { type Provider, providers } from "./config.ts";
import { loadFake } from "./sso.ts";

const provider = process.argv[2] as Provider;
if (!providers.includes(provider)) {
  console.error(`usage: fake-child.ts <${providers.join("|")}>`);
  process.exit(2);
}
const start = await loadFake(provider);
if (!start.ok) {
  console.log(JSON.stringify({ error: start.reason }));
  process.exit(0);
}
const fake = await start.value();
const credentials = Object.fromEntries(Object.entries(fake).filter(([, v]) => typeof v !== "function"));
console.log(JSON.stringify(credentials));

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await fake.close();
  process.exit(0);
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
