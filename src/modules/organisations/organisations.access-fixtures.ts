// The records the authorization matrix calls the organisations routes with: the demo's bodies,
// year, period, focus areas and reader, and valid bodies for every write.
import type { AccessFixtureSetup } from '../../core/access-fixtures';

export const organisationsAccessFixtures: AccessFixtureSetup = {
  async setup({ db, org }) {
    const bodies = new Map((await db.selectFrom('bodies').select(['id', 'name']).where('organisation_id', '=', org.id).execute()).map((b) => [b.name, b.id]));
    const body = (name: string) => bodies.get(name) ?? fail(`the demo has no body ${name}`);
    const one = async <T>(q: Promise<T | undefined>, what: string): Promise<T> => (await q) ?? fail(`the demo has no ${what}`);
    const period = await one(db.selectFrom('periods').select('id').where('organisation_id', '=', org.id).where('name', '=', 'Tertial 1 2018').executeTakeFirst(), 'Tertial 1 2018');
    const year = await one(db.selectFrom('years').select('id').where('organisation_id', '=', org.id).where('year', '=', 2018).executeTakeFirst(), 'year 2018');
    const reader = await one(db.selectFrom('users').select('id').where('email', '=', 'lasare@malmo.example').executeTakeFirst(), 'reader');
    const focusAreas = (await db.selectFrom('focus_areas').select('id').where('organisation_id', '=', org.id).where('archived_at', 'is', null).orderBy('sort_order').execute()).map((f) => f.id);
    return {
      values: {
        'body.council': body('Kommunfullmäktige'),
        // Reporter A writes for body A (Servicenämnden); reporter B for body B (Tekniska nämnden).
        'body.a': body('Servicenämnden'),
        'body.b': body('Tekniska nämnden'),
        period: period.id,
        year: year.id,
        focusAreas,
        reader: reader.id,
      },
      ids: {
        bodies: { unpublished: body('Servicenämnden') },
        years: { unpublished: year.id },
        periods: { unpublished: period.id },
        'focus-areas': { unpublished: focusAreas[0]! },
        users: { unpublished: reader.id },
      },
      payloads: {
        'bodies.create': ({ unique }) => ({ name: `Nämnd ${unique}`, kind: 'committee' }),
        'bodies.update': ({ stale }) => ({ name: 'Servicenämnden', kind: 'committee', version: stale }),
        'years.create': { year: 2031 },
        'years.status': ({ stale }) => ({ status: 'closed', version: stale }),
        'years.reopen': ({ stale }) => ({ reason: 'Årsredovisningen rättades efter revisionen.', reopenPeriods: false, version: stale }),
        'periods.reopen': ({ stale }) => ({ reason: 'En rapport behöver rättas.', version: stale }),
        'periods.create': ({ unique }) => ({ year: 2018, kind: 'tertial', name: `Period ${unique}`, startsOn: '2018-05-01', endsOn: '2018-08-31' }),
        'periods.update': ({ stale }) => ({ year: 2018, kind: 'tertial', name: 'Tertial 1 2018', startsOn: '2018-01-01', endsOn: '2018-04-30', version: stale }),
        'focus-areas.create': ({ unique }) => ({ name: `Fokusområde ${unique}` }),
        'focus-areas.update': ({ stale }) => ({ name: 'Ändrat fokusområde', version: stale }),
        'focus-areas.order': { ids: focusAreas },
        'users.create': ({ unique }) => ({ email: `ny-${unique}@example.se`, name: 'Ny användare', role: 'reader', password: 'ett långt och ovanligt lösenord 42' }),
        'users.update': ({ stale }) => ({ name: 'Demo Läsare', role: 'reader', version: stale }),
        'organisation.update': ({ stale }) => ({ name: 'Malmö stad', defaultLocale: 'sv', description: '', version: stale }),
      },
    };
  },
};

function fail(message: string): never {
  throw new Error(`access fixtures: ${message}`);
}
