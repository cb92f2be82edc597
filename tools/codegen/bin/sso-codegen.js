#!/usr/bin/env node
// Runs the generator from its TypeScript sources, so `pnpm generate` needs no build step first.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
