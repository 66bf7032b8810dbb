// What the confirmation pages for closing a year or a period share.
import type { Locale } from '../../../core/i18n';

/** Names as a sentence's list in the reader's language ("Tertial 1, Tertial 2 och Delår"). */
export const namesList = (locale: Locale, names: readonly string[]): string => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
