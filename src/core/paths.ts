// The project's root folder, where the folders the code reads at run time live (db/migrations,
// reference, public). Found the same way whether this code runs from src/ (tsx, vitest) or bundled
// into dist/ (`npm start`): walk up from this file to the nearest package.json named "riktning".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `start` whose package.json is named "riktning". */
export function findRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'riktning') return dir;
    } catch {
      // No package.json here (or not one we can read): keep walking up.
    }
    if (path.dirname(dir) === dir) throw new Error(`No package.json named "riktning" at or above ${start}`);
  }
}

/** The project root, computed once. */
export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project root: `fromRoot('reference', 'sdg.json')`. */
export const fromRoot = (...segments: string[]): string => path.join(ROOT, ...segments);
