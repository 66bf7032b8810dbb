#!/usr/bin/env node
// `npm run dev [-- command …]`: the `riktning` command straight from the TypeScript sources through tsx
// (a development dependency), with the project's tsconfig. Production runs the bundle (bin/riktning.js).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: path.join(root, 'tsconfig.json') });
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2).length ? process.argv.slice(2) : ['serve']);
