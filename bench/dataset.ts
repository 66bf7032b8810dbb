// Builds the benchmark's national-scale dataset: Sweden's municipalities as clearly synthetic
// organisations ("Syntetisk kommun (Upplands Väsby)", slug synt-0114) beside the Malmö demo.
// Rows are generated set-wise in SQL (insert … select generate_series) across every organisation
// at once, so a million rows load in minutes even on the embedded engine. Every choice below is
// arithmetic on ordinals, so two runs of the same scale hold the same row counts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type RawBuilder } from 'kysely';
import { hashPassword } from '../src/core/auth/password';
import { generatePassword } from '../src/core/auth/tokens';
import type { Db, Trx } from '../src/core/db/schema';

const MUNICIPALITIES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../reference/municipalities.json');
/** Malmö is the demo; a synthetic twin of it would only confuse readers of the results. */
const DEMO_MUNICIPALITY = '1280';
export const SYNTHETIC_LABEL = 'Syntetiska data (prestandamätning)';

export interface DatasetOptions {
  /** How many synthetic municipalities (at most 289: every municipality but Malmö). */
  organisations: number;
  /** Assignments each organisation gives per budget year. */
  assignmentsPerYear: number;
  /** 'YYYY-MM-DD'; the dataset spans this year and the two before it. */
  today: string;
  log: (line: string) => void;
}

export interface SyntheticOrganisation {
  slug: string;
  name: string;
}

export function syntheticOrganisations(count: number): SyntheticOrganisation[] {
  const raw = JSON.parse(fs.readFileSync(MUNICIPALITIES, 'utf8')) as { municipalities: { code: string; name: string }[] };
  return raw.municipalities
    .filter((m) => m.code !== DEMO_MUNICIPALITY)
    .slice(0, count)
    .map((m) => ({ slug: `synt-${m.code}`, name: `Syntetisk kommun (${m.name})` }));
}

// The body tree every synthetic municipality gets: ordinal, name, short name, kind, parent ordinal.
const BODIES: [number, string, string, string, number | null][] = [
  [1, 'Kommunfullmäktige', 'KF', 'council', null],
  [2, 'Kommunstyrelsen', 'KS', 'board', 1],
  [3, 'Stadskontoret', 'SK', 'administration', 2],
  [4, 'Hållbarhetskontoret', 'HK', 'office', 3],
  [5, 'Barn- och utbildningsnämnden', 'BUN', 'committee', 1],
  [6, 'Gymnasie- och vuxenutbildningsnämnden', 'GVN', 'committee', 1],
  [7, 'Socialnämnden', 'SN', 'committee', 1],
  [8, 'Vård- och omsorgsnämnden', 'VON', 'committee', 1],
  [9, 'Funktionsstödsnämnden', 'FSN', 'committee', 1],
  [10, 'Kultur- och fritidsnämnden', 'KFN', 'committee', 1],
  [11, 'Tekniska nämnden', 'TN', 'committee', 1],
  [12, 'Miljö- och hälsoskyddsnämnden', 'MHN', 'committee', 1],
  [13, 'Stadsbyggnadsnämnden', 'SBN', 'committee', 1],
  [14, 'Arbetsmarknadsnämnden', 'AMN', 'committee', 1],
  [15, 'Servicenämnden', 'SEN', 'committee', 1],
  [16, 'Valnämnden', 'VN', 'committee', 1],
  [17, 'Stadshus AB', 'SHAB', 'company', 2],
  [18, 'Bostadsbolaget AB', 'BOAB', 'company', 17],
  [19, 'Energibolaget AB', 'ENAB', 'company', 17],
  [20, 'Hamnbolaget AB', 'HAB', 'company', 17],
  [21, 'Parkeringsbolaget AB', 'PAB', 'company', 17],
  [22, 'Utbildningsförvaltningen', 'UF', 'administration', 5],
  [23, 'Socialförvaltningen', 'SF', 'administration', 7],
  [24, 'Regionen', 'REG', 'external', null],
  [25, 'Polismyndigheten', 'POL', 'external', null],
];
/** Bodies that lead assignments: the board, the city office, the committees (not the election board) and the companies. */
const LEADS = [2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21];
/** Goals each body adopts per year, by ordinal; committees and companies not listed adopt none. */
const GOALS_PER_BODY = 'case when b.ord = 1 then 6 when b.ord between 5 and 15 then 2 when b.ord between 17 and 21 then 1 else 0 end';

const FOCUS_AREAS = ['Trygghet', 'Klimat och miljö', 'Utbildning', 'Arbete och näringsliv', 'Hälsa och omsorg', 'Bostäder och stadsbyggnad', 'Kultur och fritid', 'Digitalisering'];

const COUNCIL_GOALS = [
  'Kommunen ska vara en trygg och säker plats att leva i',
  'Alla barn och unga ska ges goda förutsättningar att lyckas i skolan',
  'Kommunen ska minska sin klimatpåverkan',
  'Fler invånare ska vara självförsörjande genom arbete',
  'Invånarna ska ha en god hälsa och en jämlik vård och omsorg',
  'Kommunen ska ha en hållbar och effektiv organisation',
];
const SDG_CODES = ['16.1', '4.1', '13.2', '8.5', '3.8', '16.6'];

const VERBS = [
  'Ta fram en handlingsplan för',
  'Utreda förutsättningarna för',
  'Genomföra en kartläggning av',
  'Utveckla arbetet med',
  'Föreslå åtgärder för',
  'Samordna insatserna kring',
  'Följa upp och redovisa',
  'Pröva en ny modell för',
];
const TOPICS = [
  'trygghetsskapande åtgärder i stadsdelarna',
  'en klimatneutral fordonsflotta',
  'ökad måluppfyllelse i grundskolan',
  'fler vägar till arbete för unga vuxna',
  'förebyggande arbete mot ofrivillig ensamhet bland äldre',
  'bostadsförsörjningen för hushåll med låga inkomster',
  'tillgängliga lokaler för föreningslivet',
  'digitala e-tjänster för invånare och företag',
  'minskad energianvändning i kommunens lokaler',
  'kompetensförsörjningen inom vård och omsorg',
  'ett samordnat arbete mot våld i nära relationer',
  'grönytor och trädplantering i stadsmiljön',
  'barns och ungas psykiska hälsa',
  'service till näringslivet och ett bättre företagsklimat',
  'cirkulär och hållbar upphandling',
  'simkunnighet bland skolbarn',
  'säkra skolvägar och trafiksäkerhet',
  'kulturskolans tillgänglighet',
  'hemlöshet och boendeinsatser',
  'klimatanpassning mot skyfall och översvämning',
  'ledarskapet i förskolan',
  'digital kompetens hos medarbetarna',
  'minskat matsvinn i kommunens kök',
  'tillgången till idrottshallar och spontanidrottsplatser',
];
const CLOSINGS = [
  'Arbetet ska bedrivas med ett tydligt barnrättsperspektiv.',
  'Kostnaderna ska rymmas inom befintlig budgetram.',
  'Resultatet ska kunna ligga till grund för kommande budgetarbete.',
  'Civilsamhället och näringslivet ska bjudas in till dialog.',
  'Erfarenheter från andra kommuner ska tas till vara.',
  'Uppdraget ska redovisas med förslag på indikatorer för uppföljning.',
];
const REPORT_COMMENTS: Record<string, string[]> = {
  not_started: ['Arbetet har ännu inte påbörjats; planering sker under nästa period.', 'Uppdraget väntar på att en projektledare rekryteras.'],
  on_track: ['Arbetet löper enligt plan och uppdraget bedöms kunna slutföras i tid.', 'En arbetsgrupp är tillsatt och kartläggningen av nuläget pågår.', 'Samråd med berörda förvaltningar och bolag har genomförts.'],
  at_risk: ['Finansieringen är inte klarlagd, vilket riskerar tidplanen för uppdraget.', 'Beroenden till andra nämnder gör att tidplanen är osäker.'],
  delayed: ['Uppdraget är försenat på grund av vakanser i förvaltningen.', 'Delrapport lämnad till nämnden; slutredovisningen skjuts fram.'],
  completed: ['Uppdraget är genomfört och redovisat till kommunstyrelsen.', 'Slutrapport är beslutad i nämnden och uppdraget är avslutat.'],
  cancelled: ['Uppdraget har avslutats utan åtgärd efter nytt beslut.', 'Ärendet har överlämnats till annan nämnd enligt beslut.'],
};
const ASSESSMENT_COMMENTS: Record<string, string[]> = {
  met: ['Målet bedöms uppfyllt utifrån indikatorerna för perioden.', 'Samtliga indikatorer når sina målvärden.'],
  partly_met: ['Utvecklingen går åt rätt håll men målvärdet nås inte fullt ut.', 'Hälften av indikatorerna når målvärdet; övriga förbättras.'],
  not_met: ['Målet bedöms inte uppfyllt; insatser planeras till nästa år.', 'Indikatorerna visar en negativ utveckling under perioden.'],
  not_assessed: ['Underlag saknas för en samlad bedömning av målet.'],
};

const text = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const textArray = (items: readonly string[]): RawBuilder<string[]> => sql.raw(`array[${items.map(text).join(', ')}]::text[]`);
/** `(array[...])[1 + mod(expr, n)]`: picks an item by an ordinal expression. */
const pick = (items: readonly string[], expr: string): RawBuilder<string> => sql<string>`(${textArray(items)})[1 + mod(${sql.raw(expr)}, ${sql.raw(String(items.length))})]`;
/** A comment chosen by a value column (progress or assessment) and an ordinal. */
const commentFor = (byValue: Record<string, string[]>, valueColumn: string, expr: string): RawBuilder<string> =>
  sql.raw(`case ${valueColumn} ${Object.entries(byValue)
    .map(([k, items]) => `when ${text(k)} then (array[${items.map(text).join(', ')}]::text[])[1 + mod(${expr}, ${items.length})]`)
    .join(' ')} end`);

type Step = (trx: Trx) => Promise<void>;

/**
 * Loads the synthetic organisations into a database that already holds the schema (and usually
 * the Malmö demo). Runs on one connection so the working tables (temp tables) live throughout.
 */
export async function loadSyntheticData(db: Db, options: DatasetOptions): Promise<SyntheticOrganisation[]> {
  const orgs = syntheticOrganisations(options.organisations);
  const thisYear = Number(options.today.slice(0, 4));
  const today = options.today;
  // Accounts nobody signs in to: the hash of a password that is thrown away at once.
  const unusableHash = await hashPassword(generatePassword());

  const steps: [string, Step][] = [
    [
      'organisations and working tables',
      async (trx) => {
        await trx
          .insertInto('organisations')
          .values(orgs.map((o) => ({ slug: o.slug, name: o.name, default_locale: 'sv', description: 'Syntetiska testdata för prestandamätning (npm run bench). Inga uppgifter är verkliga.', municipality_code: null, archived_at: null })))
          .execute();
        await sql`create temp table synt_org as
          select id, slug, row_number() over (order by slug)::int as ord from organisations where slug like 'synt-%'`.execute(trx);
        await sql`create temp table synt_year as
          select y as year, ${thisYear}::int - y as age from generate_series(${thisYear - 2}::int, ${thisYear}::int) as y`.execute(trx);
      },
    ],
    [
      'bodies, years, periods, focus areas, users',
      async (trx) => {
        const tpl = BODIES.map(([ord, name, short, kind, parent]) => `(${ord}, ${text(name)}, ${text(short)}, ${text(kind)}, ${parent ?? 'null'}::int)`).join(',\n');
        await sql`create temp table synt_body as
          select o.id as organisation_id, o.ord as org_ord, t.ord, t.name, t.short_name, t.kind, t.parent_ord, gen_random_uuid() as id
          from synt_org o cross join (values ${sql.raw(tpl)}) as t (ord, name, short_name, kind, parent_ord)`.execute(trx);
        await sql`create index on synt_body (organisation_id, ord)`.execute(trx);
        await sql`insert into bodies (id, organisation_id, parent_id, kind, name, short_name, description)
          select b.id, b.organisation_id, p.id, b.kind, b.name, b.short_name, ''
          from synt_body b left join synt_body p on p.organisation_id = b.organisation_id and p.ord = b.parent_ord`.execute(trx);
        await sql`insert into years (organisation_id, year, status)
          select o.id, y.year, case when y.age = 0 then 'active' else 'closed' end
          from synt_org o cross join synt_year y`.execute(trx);
        // The usual Swedish municipal cycle, as in the demo: tertial, interim (delår), annual.
        await sql`create temp table synt_period as
          select x.*, x.ends_on < cast(${today} as date) as closed
          from (
            select o.id as organisation_id, gen_random_uuid() as id, y.year, t.ord as pord, t.kind, t.name || ' ' || y.year as name,
                   make_date(y.year, 1, 1) as starts_on,
                   (make_date(y.year, t.end_month, 1) + interval '1 month' - interval '1 day')::date as ends_on,
                   (make_date(y.year, t.end_month, 1) + interval '1 month' + interval '14 days')::date as report_due
            from synt_org o cross join synt_year y
            cross join (values (1, 'tertial', 'Tertial 1', 4), (2, 'interim', 'Delår', 8), (3, 'annual', 'Helår', 12)) as t (ord, kind, name, end_month)
          ) as x`.execute(trx);
        await sql`insert into periods (id, organisation_id, year, kind, name, starts_on, ends_on, report_due, status)
          select id, organisation_id, year, kind, name, starts_on, ends_on, report_due, case when closed then 'closed' else 'open' end
          from synt_period`.execute(trx);
        await sql`create temp table synt_focus_area as
          select o.id as organisation_id, f.ord::int as ord, f.name, gen_random_uuid() as id
          from synt_org o cross join unnest(${textArray(FOCUS_AREAS)}) with ordinality as f (name, ord)`.execute(trx);
        await sql`insert into focus_areas (id, organisation_id, name, sort_order) select id, organisation_id, name, ord from synt_focus_area`.execute(trx);
        await sql`insert into users (organisation_id, email, name, role, password_hash)
          select o.id, u.local || '@' || o.slug || '.example', u.name, u.role, ${unusableHash}
          from synt_org o cross join (values ('admin', 'Syntetisk administratör', 'admin'), ('strateg', 'Syntetisk strateg', 'strategist'),
            ('rapportor.bun', 'Syntetisk rapportör BUN', 'reporter'), ('rapportor.sn', 'Syntetisk rapportör SN', 'reporter'),
            ('lasare', 'Syntetisk läsare', 'reader')) as u (local, name, role)`.execute(trx);
        await sql`insert into user_bodies (organisation_id, user_id, body_id)
          select u.organisation_id, u.id, b.id
          from users u join synt_org o on o.id = u.organisation_id
          join synt_body b on b.organisation_id = u.organisation_id
            and b.ord = case when u.email like 'rapportor.bun@%' then 5 when u.email like 'rapportor.sn@%' then 7 end`.execute(trx);
      },
    ],
    [
      'goals',
      async (trx) => {
        await sql`create temp table synt_goal as
          select b.organisation_id, b.org_ord, gen_random_uuid() as id, y.year, y.age, b.id as body_id, b.ord as body_ord, b.short_name, g.n
          from synt_body b cross join synt_year y
          cross join lateral generate_series(1, ${sql.raw(GOALS_PER_BODY)}) as g (n)`.execute(trx);
        await sql`create index on synt_goal (organisation_id, year, body_ord, n)`.execute(trx);
        await sql`insert into goals (id, organisation_id, body_id, parent_id, reference, title, description, year_from, year_to, published_at, sort_order, created_at, updated_at)
          select g.id, g.organisation_id, g.body_id, parent.id,
                 case when g.body_ord = 1 then 'KF-mål ' || g.n else g.short_name || '-mål ' || g.n end,
                 case when g.body_ord = 1 then ${pick(COUNCIL_GOALS, 'g.n - 1')}
                      else 'Nämndens bidrag: ' || ${pick(TOPICS, 'g.body_ord * 3 + g.n')} end,
                 'Målet följs upp i delårsrapport och årsredovisning med indikatorer och en samlad bedömning. ' || ${pick(CLOSINGS, 'g.body_ord + g.n')},
                 g.year, g.year,
                 case when g.body_ord = 1 or mod(g.body_ord + g.n + g.org_ord, 10) <> 0 then make_date(g.year - 1, 11, 20)::timestamptz end,
                 g.n, make_date(g.year - 1, 11, 20)::timestamptz, make_date(g.year - 1, 11, 20)::timestamptz
          from synt_goal g
          left join synt_goal parent on g.body_ord <> 1 and parent.organisation_id = g.organisation_id and parent.year = g.year
            and parent.body_ord = 1 and parent.n = 1 + mod(g.body_ord + g.n, 6)`.execute(trx);
        await sql`insert into goal_focus_areas (organisation_id, goal_id, focus_area_id)
          select g.organisation_id, g.id, f.id
          from synt_goal g join synt_focus_area f on f.organisation_id = g.organisation_id and f.ord = 1 + mod(g.body_ord + g.n, 8)`.execute(trx);
        await sql`insert into goal_sdg_links (organisation_id, goal_id, sdg_code)
          select organisation_id, id, ${pick(SDG_CODES, 'n - 1')} from synt_goal where body_ord = 1`.execute(trx);
      },
    ],
    [
      'assignments',
      async (trx) => {
        // r decides the status, s the source; statuses age the way a municipality's do: old years mostly closed.
        await sql`create temp table synt_assignment as
          select x.*,
                 case when x.age >= 2 then (case when r < 70 then 'closed' when r < 80 then 'reported' when r < 85 then 'cancelled' when r < 90 then 'transferred' else 'ongoing' end)
                      when x.age = 1 then (case when r < 40 then 'closed' when r < 55 then 'reported' when r < 70 then 'progress_reported' when r < 95 then 'ongoing' else 'cancelled' end)
                      else (case when r < 20 then 'new' when r < 75 then 'ongoing' when r < 90 then 'progress_reported' else 'closed' end) end as status,
                 case when s < 12 then 'budget' when s < 17 then 'decision' else 'commission' end as source_kind,
                 case when mod(x.n, 16) = 0 then 'all_committees_and_companies' else 'bodies' end as target,
                 (${sql.raw(`array[${LEADS.join(', ')}]`)})[1 + mod(x.n * 7 + x.org_ord, ${sql.raw(String(LEADS.length))})] as lead_ord,
                 case when mod(x.n * 3 + x.org_ord, 10) < 3 then (${sql.raw(`array[${LEADS.join(', ')}]`)})[1 + mod(x.n * 7 + x.org_ord + 5, ${sql.raw(String(LEADS.length))})] end as co_ord,
                 least(350, cast(${today} as date) - make_date(x.year, 1, 1)) as span
          from (
            select o.id as organisation_id, o.ord as org_ord, gen_random_uuid() as id, y.year, y.age, n,
                   mod(n * 37 + o.ord * 11 + y.year * 7, 100) as r,
                   mod(n * 13 + o.ord * 5, 20) as s
            from synt_org o cross join synt_year y cross join generate_series(1, ${options.assignmentsPerYear}::int) as n
          ) as x`.execute(trx);
        await sql`alter table synt_assignment add column path text[], add column deadline date, add column decision_date date`.execute(trx);
        await sql`update synt_assignment set
          path = case status
            when 'new' then array['new'] when 'ongoing' then array['new', 'ongoing']
            when 'progress_reported' then array['new', 'ongoing', 'progress_reported']
            when 'reported' then array['new', 'ongoing', 'progress_reported', 'reported']
            when 'closed' then array['new', 'ongoing', 'reported', 'closed']
            when 'cancelled' then array['new', 'ongoing', 'cancelled']
            else array['new', 'transferred'] end,
          decision_date = case source_kind when 'budget' then make_date(year - 1, 11, 20) when 'decision' then make_date(year, 1 + mod(n, 2), 10 + mod(n, 15)) else make_date(year, 1, 30) end,
          deadline = case source_kind when 'budget' then make_date(year, 12, 31) when 'decision' then make_date(year, 3 + mod(n, 9), 28) else make_date(year, 6, 30) end`.execute(trx);
        await sql`create index on synt_assignment (id)`.execute(trx);
        await sql`insert into assignments (id, organisation_id, reference, title, body, year, issuer_body_id, target, target_note, source_kind, source_title,
                                            registration_number, decision_date, deadline, status, published_at, created_at, updated_at)
          select a.id, a.organisation_id, 'U' || a.year || '-' || a.n,
                 ${pick(VERBS, 'a.n + a.org_ord')} || ' ' || ${pick(TOPICS, 'a.n * 5 + a.org_ord')},
                 issuer.name || ' ger ' || coalesce(lead.name, 'samtliga nämnder och bolag') || ' i uppdrag att ' || lower(${pick(VERBS, 'a.n + a.org_ord')}) || ' '
                   || ${pick(TOPICS, 'a.n * 5 + a.org_ord')} || '. Uppdraget ska genomföras i samverkan med berörda nämnder och bolag och återrapporteras till kommunstyrelsen senast '
                   || to_char(a.deadline, 'YYYY-MM-DD') || '. ' || ${pick(CLOSINGS, 'a.n * 3 + a.org_ord')},
                 a.year, issuer.id, a.target,
                 case when a.target = 'all_committees_and_companies' then 'tillsammans med berörda förvaltningar' else '' end,
                 a.source_kind,
                 case a.source_kind when 'budget' then 'Budget ' || a.year when 'decision' then 'Kommunstyrelsens beslut' else 'Kommissionen för en socialt hållbar kommun' end,
                 case when a.source_kind = 'decision' then 'KS ' || a.year || '/' || lpad((a.n * 7)::text, 4, '0') else '' end,
                 a.decision_date, a.deadline, a.status,
                 case when a.status <> 'new' or mod(a.n + a.org_ord, 3) = 0 then a.decision_date::timestamptz end,
                 make_date(a.year, 1, 1)::timestamptz,
                 make_date(a.year, 1, 1) + ((cardinality(a.path) - 1) * a.span / cardinality(a.path)) * interval '1 day' + interval '10 hours'
          from synt_assignment a
          join synt_body issuer on issuer.organisation_id = a.organisation_id and issuer.ord = case when a.source_kind = 'budget' then 1 else 2 end
          left join synt_body lead on a.target = 'bodies' and lead.organisation_id = a.organisation_id and lead.ord = a.lead_ord`.execute(trx);
        await sql`create temp table synt_responsible as
          select a.organisation_id, a.id as assignment_id, b.id as body_id, b.ord as body_ord, 'lead' as role
          from synt_assignment a join synt_body b on b.organisation_id = a.organisation_id and b.ord = a.lead_ord
          where a.target = 'bodies'
          union all
          select a.organisation_id, a.id, b.id, b.ord, 'co'
          from synt_assignment a join synt_body b on b.organisation_id = a.organisation_id and b.ord = a.co_ord
          where a.target = 'bodies' and a.co_ord is not null and a.co_ord <> a.lead_ord`.execute(trx);
        await sql`insert into assignment_bodies (organisation_id, assignment_id, body_id, role)
          select organisation_id, assignment_id, body_id, role from synt_responsible`.execute(trx);
        // "All committees and companies" is expanded when read; for follow-up they all report.
        await sql`insert into synt_responsible
          select a.organisation_id, a.id, b.id, b.ord, 'target'
          from synt_assignment a join synt_body b on b.organisation_id = a.organisation_id and b.kind in ('committee', 'company')
          where a.target = 'all_committees_and_companies'`.execute(trx);
        await sql`insert into assignment_focus_areas (organisation_id, assignment_id, focus_area_id)
          select a.organisation_id, a.id, f.id
          from synt_assignment a join synt_focus_area f on f.organisation_id = a.organisation_id and f.ord = 1 + mod(a.n * 5 + a.org_ord, 8)`.execute(trx);
        await sql`insert into assignment_goals (organisation_id, assignment_id, goal_id)
          select a.organisation_id, a.id, g.id
          from synt_assignment a join synt_goal g on g.organisation_id = a.organisation_id and g.year = a.year and g.body_ord = 1 and g.n = 1 + mod(a.n, 6)`.execute(trx);
        await sql`insert into assignment_status_changes (organisation_id, assignment_id, from_status, to_status, comment, changed_by_label, changed_at)
          select a.organisation_id, a.id, case when s.i > 1 then a.path[s.i - 1] end, a.path[s.i],
                 case when s.i = 1 then 'Uppdraget registrerat.' else 'Status ändrad efter återrapportering.' end,
                 ${SYNTHETIC_LABEL},
                 make_date(a.year, 1, 1) + ((s.i - 1) * a.span / cardinality(a.path)) * interval '1 day' + interval '10 hours'
          from synt_assignment a cross join lateral generate_series(1, cardinality(a.path)) as s (i)`.execute(trx);
      },
    ],
    [
      'status reports',
      async (trx) => {
        // Reported on in every period of its year; unfinished ones also in the years after.
        // Closed periods are fully approved; the open period is part written, part submitted, part approved.
        await sql`insert into status_reports (organisation_id, period_id, body_id, assignment_id, progress, comment, state,
                                               submitted_at, approved_at, created_at, updated_at)
          select x.organisation_id, x.period_id, x.body_id, x.assignment_id, x.progress,
                 ${commentFor(REPORT_COMMENTS, 'x.progress', 'x.h')}, x.state,
                 case when x.state <> 'draft' then x.written + interval '5 days' end,
                 case when x.state = 'approved' then x.written + interval '12 days' end,
                 x.written, x.written + interval '12 days'
          from (
            select y.*,
                   case when y.closed then 'approved' when y.h < 55 then 'draft' when y.h < 75 then 'submitted' else 'approved' end as state,
                   case y.status when 'closed' then 'completed' when 'reported' then 'completed' when 'cancelled' then 'cancelled' when 'transferred' then 'cancelled'
                     when 'new' then 'not_started'
                     else (case when mod(y.h, 10) < 5 then 'on_track' when mod(y.h, 10) < 7 then 'at_risk' when mod(y.h, 10) < 9 then 'delayed' else 'not_started' end) end as progress,
                   least(y.ends_on + interval '3 days', cast(${today} as date) - interval '20 days') as written
            from (
              select r.organisation_id, p.id as period_id, r.body_id, r.assignment_id, a.status, p.closed, p.ends_on,
                     mod(a.n * 31 + a.org_ord * 17 + r.body_ord * 13 + p.pord * 7, 100) as h
              from synt_responsible r
              join synt_assignment a on a.id = r.assignment_id
              join synt_period p on p.organisation_id = r.organisation_id and p.year >= a.year
                and (p.year = a.year or a.status not in ('closed', 'cancelled', 'transferred'))
            ) as y
            where y.closed or y.h >= 35
          ) as x`.execute(trx);
      },
    ],
    [
      'goal assessments',
      async (trx) => {
        // A body assesses its own goals every period; committees and companies assess the council's
        // goals at the interim and annual reports.
        await sql`insert into goal_assessments (organisation_id, period_id, body_id, goal_id, assessment, comment, state,
                                                 submitted_at, approved_at, created_at, updated_at)
          select x.organisation_id, x.period_id, x.body_id, x.goal_id, x.assessment,
                 ${commentFor(ASSESSMENT_COMMENTS, 'x.assessment', 'x.h')}, x.state,
                 case when x.state <> 'draft' then x.written + interval '5 days' end,
                 case when x.state = 'approved' then x.written + interval '12 days' end,
                 x.written, x.written + interval '12 days'
          from (
            select y.*,
                   case when y.closed then 'approved' when y.h < 55 then 'draft' when y.h < 75 then 'submitted' else 'approved' end as state,
                   case when y.h < 40 then 'met' when y.h < 75 then 'partly_met' when y.h < 90 then 'not_met' else 'not_assessed' end as assessment,
                   least(y.ends_on + interval '3 days', cast(${today} as date) - interval '20 days') as written
            from (
              select g.organisation_id, p.id as period_id, b.id as body_id, g.id as goal_id, p.closed, p.ends_on,
                     mod(g.n * 29 + g.org_ord * 19 + b.ord * 11 + p.pord * 7, 100) as h
              from synt_goal g
              join synt_period p on p.organisation_id = g.organisation_id and p.year = g.year
              join synt_body b on b.organisation_id = g.organisation_id
                and (b.ord = g.body_ord or (g.body_ord = 1 and b.kind in ('committee', 'company') and p.pord >= 2))
            ) as y
            where y.closed or y.h >= 35
          ) as x`.execute(trx);
      },
    ],
  ];

  await db.connection().execute(async (conn) => {
    for (const [label, step] of steps) {
      const started = performance.now();
      await conn.transaction().execute(step);
      options.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    for (const t of ['synt_responsible', 'synt_assignment', 'synt_goal', 'synt_focus_area', 'synt_period', 'synt_body', 'synt_year', 'synt_org']) {
      await sql`drop table ${sql.table(t)}`.execute(conn);
    }
  });
  return orgs;
}

/** The tables the report lists, with their row counts. */
export const COUNTED_TABLES = [
  'organisations',
  'users',
  'bodies',
  'years',
  'periods',
  'focus_areas',
  'goals',
  'goal_focus_areas',
  'goal_sdg_links',
  'directions',
  'assignments',
  'assignment_bodies',
  'assignment_focus_areas',
  'assignment_goals',
  'assignment_status_changes',
  'status_reports',
  'goal_assessments',
  'audit_events',
] as const;

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of COUNTED_TABLES) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    counts[t] = Number(r.rows[0]!.n);
  }
  return counts;
}
