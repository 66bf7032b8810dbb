// Contexts for calling commands directly in tests, with the catalogue of every module (as the app has).
import { buildCatalogue, type Catalogue } from '../core/catalogue';
import { systemContext, type Actor, type Ctx } from '../core/context';
import type { Db } from '../core/db/schema';
import type { Locale } from '../core/i18n';
import { modules } from '../modules';

let catalogue: Catalogue | undefined;
export const testCatalogue = (): Catalogue => (catalogue ??= buildCatalogue(modules));

/** The system actor (as the CLI and the demo loader act). */
export const systemCtx = (db: Db, locale: Locale = 'sv'): Ctx => systemContext(db, testCatalogue(), 'test', locale);

/** A given actor, e.g. a user built by the factories. */
export const actorCtx = (db: Db, actor: Actor, locale: Locale = 'sv'): Ctx => ({ ...systemCtx(db, locale), actor });

/** A message in one language, as the app would show it. */
export const t = (locale: Locale, key: string, params?: Record<string, string | number>): string => testCatalogue().messages.translator(locale)(key, params);
