#!/usr/bin/env node
// The `playbill` command. Playbill is written in TypeScript and runs through tsx, so there is no
// compile step between a checkout and a build; Astro is driven through its programmatic API.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
