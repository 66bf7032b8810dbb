#!/usr/bin/env node
// The `riktning` command. Runs the TypeScript sources through tsx, with the project's tsconfig
// wherever the command is started from.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: path.join(root, 'tsconfig.json') });
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
