#!/usr/bin/env node
// Runs the release tool from its TypeScript sources, so the root scripts need no build step first.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
