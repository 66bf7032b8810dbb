// Sweden's municipality codes (SCB kommunkod), read once from the reference data that ships with the product.
import fs from 'node:fs';
import { fromRoot } from '../../core/paths';

export interface Municipality {
  code: string;
  name: string;
  countyName: string;
}

const FILE = fromRoot('reference/municipalities.json');

let cache: Map<string, Municipality> | undefined;

function load(): Map<string, Municipality> {
  if (cache) return cache;
  const raw = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { municipalities: { code: string; name: string; county_name: string }[] };
  cache = new Map(raw.municipalities.map((m) => [m.code, { code: m.code, name: m.name, countyName: m.county_name }]));
  return cache;
}

export const findMunicipality = (code: string): Municipality | undefined => load().get(code);

/** Every municipality, sorted by name the Swedish way (å, ä, ö last). */
export function allMunicipalities(): Municipality[] {
  const collator = new Intl.Collator('sv');
  return [...load().values()].sort((a, b) => collator.compare(a.name, b.name));
}
