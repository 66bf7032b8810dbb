#!/usr/bin/env node
// `npm run bench`: runs bench/run.ts through tsx with the project's tsconfig, as bin/riktning.js runs the CLI.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: path.join(root, 'tsconfig.json') });
await import('./run.ts');
