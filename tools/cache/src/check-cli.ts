/** `pnpm cache:check`: the remote-cache proof CI runs; exits 1 with every problem when it does not hold. */
import { checkRemoteCache } from "./check.ts";

const started = performance.now();
const problems = await checkRemoteCache();
for (const problem of problems) console.error(`FAIL ${problem}`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(`remote-cache: ${problems.length} problem(s) in ${seconds} s`);
  process.exit(1);
}
console.log(
  `remote-cache: every cacheable task of the second clone came from the remote cache, outputs identical (${seconds} s)`,
);
