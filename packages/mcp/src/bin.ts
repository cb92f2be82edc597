#!/usr/bin/env node
/** The `sso-mcp` command: the library's `main`, imported from the built entry beside it. */
import { main } from "./index.js";

process.exitCode = await main(process.argv.slice(2));
