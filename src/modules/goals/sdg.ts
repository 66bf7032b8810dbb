// The Agenda 2030 reference list (17 goals, 169 targets) that ships with the product, and its labels.
import fs from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../../core/paths';
import type { Locale } from '../../core/i18n';

export const SDG_FILE = fromRoot('reference/sdg.json');

const targetShape = z.object({
  id: z.string().regex(/^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-z])$/),
  text_en: z.string().min(1),
  // Official Swedish wording exists for only some targets; the rest stay null rather than being machine-translated.
  text_sv: z.string().min(1).nullable(),
  short_sv: z.string().optional(),
});
const goalShape = z.object({
  goal: z.number().int().min(1).max(17),
  title_sv: z.string().min(1),
  title_en: z.string().min(1),
  short_sv: z.string().min(1),
  short_en: z.string().min(1),
  targets: z.array(targetShape),
});

export interface SdgTarget {
  code: string;
  goal: number;
  textEn: string;
  textSv: string | null;
}

export interface SdgGoal {
  goal: number;
  code: string;
  titleSv: string;
  titleEn: string;
  shortSv: string;
  shortEn: string;
  targets: SdgTarget[];
}

export interface SdgReference {
  goals: SdgGoal[];
  /** Every valid code: "11" for a goal, "11.1" for a target. */
  byCode: Map<string, SdgGoal | SdgTarget>;
}

let cached: SdgReference | undefined;

/** Reads and checks the reference list once per process; a broken file stops start-up rather than a page. */
export function loadSdg(file = SDG_FILE): SdgReference {
  if (cached && file === SDG_FILE) return cached;
  const raw = z.array(goalShape).length(17).parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const goals: SdgGoal[] = raw.map((g) => ({
    goal: g.goal,
    code: String(g.goal),
    titleSv: g.title_sv,
    titleEn: g.title_en,
    shortSv: g.short_sv,
    shortEn: g.short_en,
    targets: g.targets.map((t) => ({ code: t.id, goal: g.goal, textEn: t.text_en, textSv: t.text_sv })),
  }));
  const byCode = new Map<string, SdgGoal | SdgTarget>();
  for (const g of goals) {
    byCode.set(g.code, g);
    for (const t of g.targets) byCode.set(t.code, t);
  }
  const reference = { goals, byCode };
  if (file === SDG_FILE) cached = reference;
  return reference;
}

export const isSdgCode = (code: string): boolean => loadSdg().byCode.has(code);

/** The goal number a code belongs to: "11.a" → 11. */
export const sdgGoalOf = (code: string): number => Number(code.split('.')[0]);

/** Sorts codes as the UN lists them: 2 before 10, 11.1 before 11.10, numbered targets before lettered. */
export function compareSdgCodes(a: string, b: string): number {
  const [ga, ta = ''] = a.split('.');
  const [gb, tb = ''] = b.split('.');
  if (Number(ga) !== Number(gb)) return Number(ga) - Number(gb);
  if (ta === tb) return 0;
  if (ta === '') return -1;
  if (tb === '') return 1;
  const na = /^\d+$/.test(ta);
  const nb = /^\d+$/.test(tb);
  if (na && nb) return Number(ta) - Number(tb);
  if (na !== nb) return na ? -1 : 1;
  return ta < tb ? -1 : 1;
}

export interface SdgLabel {
  code: string;
  goal: number;
  kind: 'goal' | 'target';
  /** The goal's short name ("Hållbara städer och samhällen"). */
  goalShort: string;
  /** The goal's title or the target's text in the reader's language, or English where no Swedish text exists. */
  text: string;
  /** The language `text` is in; differs from the reader's when no translation exists. */
  lang: Locale;
}

/** A code's title in the reader's language; an unknown code (a list that changed) gets its code only. */
export function sdgLabel(code: string, locale: Locale): SdgLabel {
  const ref = loadSdg();
  const goal = ref.goals[sdgGoalOf(code) - 1];
  const goalShort = goal ? (locale === 'sv' ? goal.shortSv : goal.shortEn) : '';
  const entry = ref.byCode.get(code);
  if (!entry) return { code, goal: sdgGoalOf(code), kind: code.includes('.') ? 'target' : 'goal', goalShort, text: '', lang: locale };
  if ('targets' in entry) {
    return { code, goal: entry.goal, kind: 'goal', goalShort, text: locale === 'sv' ? entry.titleSv : entry.titleEn, lang: locale };
  }
  if (locale === 'sv' && entry.textSv) return { code, goal: entry.goal, kind: 'target', goalShort, text: entry.textSv, lang: 'sv' };
  return { code, goal: entry.goal, kind: 'target', goalShort, text: entry.textEn, lang: 'en' };
}
