// Forms a new user fills in: a drop-down with nothing chosen yet says "Välj …" instead of silently
// sending its first option, dates say and take ÅÅÅÅ-MM-DD, and external actors cannot adopt goals or
// issue and lead assignments — not offered in the forms, and refused by the commands (form and API).
import { describe, expect, it } from 'vitest';
import { engines } from '../test/db';
import { buildBody, buildYear } from '../test/factories';
import { organisationApp, useFixture } from '../test/harness';

type Json = Record<string, any>;

const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();
const attr = (tag: string, name: string) => new RegExp(`\\s${name}(?:="([^"]*)")?[\\s/>]`).exec(tag)?.[1] ?? (new RegExp(`\\s${name}[\\s/>]`).test(tag) ? '' : undefined);
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** Each single drop-down in the page's main part: its name, whether an option is chosen, and its first option. */
function selects(html: string) {
  return [...mainOf(html).matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)]
    .filter((m) => attr(`${m[1]}>`, 'multiple') === undefined)
    .map((m) => {
      const options = [...m[2]!.matchAll(/<option([^>]*)>([\s\S]*?)<\/option>/g)];
      return {
        name: attr(`${m[1]}>`, 'name'),
        chosen: options.some((o) => attr(`${o[1]}>`, 'selected') !== undefined),
        first: { value: options[0] ? attr(`${options[0][1]}>`, 'value') : undefined, text: options[0] ? decode(options[0][2]!) : undefined },
      };
    });
}

const optionTexts = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  return [...(select?.[1] ?? '').matchAll(/<option[^>]*>([\s\S]*?)<\/option>/g)].map((o) => decode(o[1]!));
};

/** The opening tag of the input named `name`. */
const inputTag = (html: string, name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '';
const hintOf = (html: string, name: string) => decode(new RegExp(`<p class="hint" id="f-${name}-hint">([^<]*)</p>`).exec(html)?.[1] ?? '');

describe.each(engines)('forms on %s', (engine) => {
  const h = useFixture(async () => {
    const h = await organisationApp(engine, ['admin', 'strategist'] as const);
    await buildYear(h.db, h.org.id, 2018);
    const body = async (name: string, kind: NonNullable<Parameters<typeof buildBody>[1]>['kind']) => (await buildBody(h.db, { organisationId: h.org.id, name, kind })).id;
    const bodies = {
      kf: await body('Kommunfullmäktige', 'council'),
      ks: await body('Kommunstyrelsen', 'board'),
      sn: await body('Servicenämnden', 'committee'),
      region: await body('Region Skåne', 'external'),
    };
    return Object.assign(h, { bodies });
  });
  const SLUG = 'testkommun';

  it('starts every drop-down with nothing chosen on a "Välj …" option, in both languages', async () => {
    const forms = ['assignments/new', 'goals/new', 'directions/new', 'periods/new', 'bodies/new', 'users/new'];
    for (const [lang, choose] of [['sv', 'Välj …'], ['en', 'Choose …']] as const) {
      for (const form of forms) {
        const res = await h.admin.get(`/o/${SLUG}/${form}?lang=${lang}`);
        expect(res.statusCode, form).toBe(200);
        const list = selects(res.body);
        expect(list.length, form).toBeGreaterThan(0);
        // A drop-down with no option chosen opens on an empty first option that says so.
        for (const s of list.filter((x) => !x.chosen)) {
          expect(s.first.value, `${form} ${s.name}`).toBe('');
          expect(s.first.text, `${form} ${s.name}`).toBeTruthy();
        }
      }
      const assignment = selects((await h.admin.get(`/o/${SLUG}/assignments/new?lang=${lang}`)).body);
      expect(assignment.find((s) => s.name === 'year')?.first.text).toBe(choose);
      expect(assignment.find((s) => s.name === 'sourceKind')?.first.text).toBe(choose);
      expect(selects((await h.admin.get(`/o/${SLUG}/goals/new?lang=${lang}`)).body).find((s) => s.name === 'bodyId')?.first.text).toBe(choose);
      expect(selects((await h.admin.get(`/o/${SLUG}/periods/new?lang=${lang}`)).body).find((s) => s.name === 'kind')?.first.text).toBe(choose);
    }
  });

  it('shows date fields with the format ÅÅÅÅ-MM-DD, and takes them so', async () => {
    for (const [form, names] of [['assignments/new', ['decisionDate', 'deadline']], ['periods/new', ['startsOn', 'endsOn', 'reportDue']]] as const) {
      const sv = (await h.admin.get(`/o/${SLUG}/${form}`)).body;
      const en = (await h.admin.get(`/o/${SLUG}/${form}?lang=en`)).body;
      for (const name of names) {
        const input = `${inputTag(sv, name)}`;
        // Typed, not picked: a browser's date picker would show the date in its own locale's order.
        expect(attr(input, 'type'), name).toBe('text');
        expect(attr(input, 'pattern')).toBe('\\d{4}-\\d{2}-\\d{2}');
        expect(hintOf(sv, name).startsWith('ÅÅÅÅ-MM-DD'), name).toBe(true);
        expect(attr(input, 'aria-describedby')).toContain(`f-${name}-hint`);
        expect(hintOf(en, name).startsWith('YYYY-MM-DD'), name).toBe(true);
      }
    }
    const res = await h.strategist.api('POST', `/api/v1/assignments?organisation=${SLUG}`, {
      title: 'Datumprov',
      year: 2018,
      issuerBodyId: h.bodies.kf,
      target: 'bodies',
      leadBodyId: h.bodies.sn,
      sourceKind: 'budget',
      decisionDate: '2017-11-29',
      deadline: '2018-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ source: { decisionDate: '2017-11-29' }, deadline: '2018-12-31' });
    const list = await h.strategist.get(`/o/${SLUG}/assignments`);
    expect(list.body).toContain('<td>2018-12-31</td>');
  });

  it('offers only the municipality\'s own bodies to issue and lead an assignment; external actors may share the work', async () => {
    const html = (await h.strategist.get(`/o/${SLUG}/assignments/new`)).body;
    expect(optionTexts(html, 'issuerBodyId')).not.toContain('Region Skåne');
    expect(optionTexts(html, 'leadBodyId')).not.toContain('Region Skåne');
    expect(optionTexts(html, 'leadBodyId')).toContain('Kommunstyrelsen');
    expect(html).toMatch(new RegExp(`<input[^>]*name="coBodyIds"[^>]*value="${h.bodies.region}"`));
    expect(optionTexts((await h.strategist.get(`/o/${SLUG}/goals/new`)).body, 'bodyId')).not.toContain('Region Skåne');
  });

  it('refuses an external actor as issuer or lead of an assignment, or as the body adopting a goal, through the API and the form, and writes nothing', async () => {
    const countOf = async (table: 'assignments' | 'goals' | 'audit_events') => Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = { assignments: await countOf('assignments'), goals: await countOf('goals'), audit: await countOf('audit_events') };
    const assignment: Json = { title: 'Externt ansvar', year: 2018, issuerBodyId: h.bodies.kf, target: 'bodies', leadBodyId: h.bodies.region, sourceKind: 'budget' };

    const lead = await h.strategist.api('POST', `/api/v1/assignments?organisation=${SLUG}`, assignment);
    expect(lead.statusCode).toBe(400);
    expect(lead.json().fieldErrors.leadBodyId).toContain('En extern aktör kan inte vara ansvarig');
    const leadEn = await h.strategist.api('POST', `/api/v1/assignments?organisation=${SLUG}&lang=en`, assignment);
    expect(leadEn.json().fieldErrors.leadBodyId).toContain('An external actor cannot be responsible');
    const issuer = await h.strategist.api('POST', `/api/v1/assignments?organisation=${SLUG}`, { ...assignment, issuerBodyId: h.bodies.region, leadBodyId: h.bodies.sn });
    expect(issuer.statusCode).toBe(400);
    expect(issuer.json().fieldErrors.issuerBodyId).toContain('En extern aktör kan inte ge uppdrag');

    const form = await h.strategist.post(`/o/${SLUG}/assignments`, { ...assignment, year: '2018' });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('En extern aktör kan inte vara ansvarig för ett uppdrag.');

    const goal = await h.strategist.api('POST', `/api/v1/goals?organisation=${SLUG}`, { bodyId: h.bodies.region, title: 'Regionens mål', yearFrom: 2018 });
    expect(goal.statusCode).toBe(400);
    expect(goal.json().fieldErrors.bodyId).toContain('En extern aktör kan inte anta mål');
    const goalForm = await h.strategist.post(`/o/${SLUG}/goals`, { bodyId: h.bodies.region, title: 'Regionens mål', yearFrom: '2018' });
    expect(goalForm.statusCode).toBe(400);
    expect(goalForm.body).toContain('En extern aktör kan inte anta mål.');

    expect({ assignments: await countOf('assignments'), goals: await countOf('goals'), audit: await countOf('audit_events') }).toEqual(before);

    // The same assignment with the region sharing the work is fine.
    const shared = await h.strategist.api('POST', `/api/v1/assignments?organisation=${SLUG}`, { ...assignment, leadBodyId: h.bodies.sn, coBodyIds: [h.bodies.region] });
    expect(shared.statusCode, shared.body).toBe(201);
  });
});
