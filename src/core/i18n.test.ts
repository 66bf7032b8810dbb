// Plurals come from Intl.PluralRules in both languages, and no text fakes a plural by hand.
import { describe, expect, it } from 'vitest';
import { modules } from '../modules';
import { buildCatalogue } from './catalogue';
import { isPluralText, LOCALES, MessageCatalogue } from './i18n';

describe('plural texts', () => {
  const catalogue = new MessageCatalogue([
    {
      owner: 'test',
      messages: {
        sv: { 'x.count': { one: '1 inriktning', other: '{count} inriktningar' }, 'x.hits': { zero: 'Inga träffar', one: '1 träff', other: '{count} träffar' } },
        en: { 'x.count': { one: '1 direction', other: '{count} directions' } },
      },
    },
  ]);

  it('picks the form for the count in each language', () => {
    const sv = catalogue.translator('sv');
    const en = catalogue.translator('en');
    expect([0, 1, 2, 21].map((count) => sv('x.count', { count }))).toEqual(['0 inriktningar', '1 inriktning', '2 inriktningar', '21 inriktningar']);
    expect([0, 1, 2, 21].map((count) => en('x.count', { count }))).toEqual(['0 directions', '1 direction', '2 directions', '21 directions']);
    expect(sv('x.hits', { count: 0 })).toBe('Inga träffar');
    expect(sv('x.hits', { count: 1 })).toBe('1 träff');
    // A key without an English text falls back to Swedish, with the Swedish plural forms.
    expect(en('x.hits', { count: 3 })).toBe('3 träffar');
  });

  it('uses the general form when no count is given', () => {
    expect(catalogue.translator('sv')('x.count')).toBe('{count} inriktningar');
  });

  it('the app counts directions, goals, assignments and search results with the right form', () => {
    const app = buildCatalogue(modules).messages;
    const sv = app.translator('sv');
    const en = app.translator('en');
    expect([sv('directions.count', { count: 1 }), sv('directions.count', { count: 2 })]).toEqual(['1 inriktning', '2 inriktningar']);
    expect([en('directions.count', { count: 1 }), en('directions.count', { count: 2 })]).toEqual(['1 direction', '2 directions']);
    expect([en('goals.count', { count: 1 }), en('goals.count', { count: 2 })]).toEqual(['1 goal', '2 goals']);
    expect([sv('assignments.caption', { count: 1 }), en('assignments.caption', { count: 1 }), en('assignments.caption', { count: 7 })]).toEqual(['1 uppdrag', '1 assignment', '7 assignments']);
    expect([sv('focus_areas.caption', { count: 1 }), sv('focus_areas.caption', { count: 4 })]).toEqual(['1 fokusområde', '4 fokusområden']);
    expect([en('years.caption', { count: 1 }), en('users.caption', { count: 2 })]).toEqual(['1 budget year', '2 users']);
    expect([sv('search.results', { count: 0, q: 'park' }), sv('search.results', { count: 1, q: 'park' }), en('search.results', { count: 2, q: 'park' })]).toEqual(['Inga träffar för ”park”', '1 träff för ”park”', '2 results for “park”']);
    expect(en('dashboard.count_link', { count: 1, status: 'Closed' })).toBe('1 assignment with status Closed');
  });

  it('no text of the app makes a plural by hand, and every plural text has its general form in both languages', () => {
    const app = buildCatalogue(modules).messages;
    const faked: string[] = [];
    for (const locale of LOCALES) {
      for (const key of app.keys(locale)) {
        const text = app.text(locale, key);
        const forms = isPluralText(text) ? Object.values(text) : [text ?? ''];
        // "(s)" and "st" after a count are plurals made by hand; "{count} …s" without forms would say "1 goals".
        if (forms.some((f) => /\(s\)|\{\w+\} st(?!\p{L})/u.test(f))) faked.push(`${locale}:${key}`);
        if (locale === 'en' && !isPluralText(text) && /\{count\} [a-z]+s\b/.test(text ?? '')) faked.push(`${locale}:${key}`);
        if (isPluralText(text)) expect(text.other, key).toBeTruthy();
      }
    }
    expect(faked).toEqual([]);
  });
});
