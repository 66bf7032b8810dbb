// The Malmö demo organisation as plain data, every item with the public Malmö text it comes from.
// Where the texts say nothing (titles of the commission's assignments, follow-up comments), the
// demo says so in the data itself: a placeholder must never pass for Malmö's own words.
import type { Role } from '../core/context';
import type { AssignmentStatus } from '../modules/assignments/assignments.tables';
import type { Assessment, Progress } from '../modules/follow-up/follow-up.tables';
import type { BodyKind, PeriodKind, YearStatus } from '../modules/organisations/organisations.tables';

/** The seed texts, named as what they are. */
export const SOURCES = {
  omvarld: 'Malmö stad, webbsidan ”Strategiskt omvärldsarbete” (Det här vill Malmö)',
  budget2018: 'Malmö stad, budget 2018: kommunfullmäktigemål, inriktning 2018 och uppdrag 2018',
  ar2017: 'Malmö stad, årsredovisning 2017, kommunövergripande verksamhet',
  ar2016ks: 'Malmö stad, årsredovisning 2016, kommunstyrelsen',
  demo: 'Demoinställning, inte hämtad ur någon källa',
} as const;

/** Who the audit trail and the status history name as author of everything the demo creates. */
export const DEMO_LABEL = 'Demodata';

export const organisation = {
  slug: 'malmo',
  name: 'Malmö stad',
  municipalityCode: '1280',
  description:
    'Demodata: Malmö stads styrning uppbyggd av offentliga texter från Malmö stad (budget 2018, årsredovisningarna 2016 och 2017, ' +
    'webbsidan om strategiskt omvärldsarbete). Det som inte står i texterna är markerat som exempel eller platshållare. ' +
    'Texterna anger inga datum: budget 2018 med mål, inriktning och uppdrag visas som publicerad när budgetåret börjar, ' +
    'rapporterna efter första tertialet vid periodens rapportdag – exempeldatum, inte Malmö stads verkliga beslutsdatum.',
  source: 'Kommunkod 1280 enligt SCB (reference/municipalities.json)',
};

export interface DemoBody {
  name: string;
  shortName: string;
  kind: BodyKind;
  /** The parent's name; bodies are listed parents first. */
  parent?: string;
  description: string;
  source: string;
}

export const bodies: DemoBody[] = [
  {
    name: 'Kommunfullmäktige',
    shortName: 'KF',
    kind: 'council',
    description: 'Beslutade i budget 2018 om kommunfullmäktigemål, inriktning och uppdrag för 2018.',
    source: SOURCES.budget2018,
  },
  {
    name: 'Kommunstyrelsen',
    shortName: 'KS',
    kind: 'board',
    parent: 'Kommunfullmäktige',
    description:
      'Samordnar arbetet efter Kommissionen för ett socialt hållbart Malmö med stöd, samordning, koordinering och uppföljning (årsredovisning 2016).',
    source: SOURCES.ar2016ks,
  },
  {
    name: 'Stadskontoret',
    shortName: '',
    kind: 'administration',
    parent: 'Kommunstyrelsen',
    description: 'Kommunstyrelsens förvaltning (årsredovisning 2016).',
    source: SOURCES.ar2016ks,
  },
  {
    name: 'Kansliet för hållbar utveckling',
    shortName: '',
    kind: 'office',
    parent: 'Stadskontoret',
    description:
      'Kallas i budget 2018 kommunstyrelsens hållbarhetskansli. Ur årsredovisningen 2017: ”Den 1 maj inrättades ett kansli för hållbar utveckling på stadskontoret. ' +
      'Kansliet arbetar utvecklings- och omvärldsfokuserat och driver utvecklingsarbete i samverkan med Malmö stads förvaltningar och bolag samt med externa aktörer ' +
      'som myndigheter, näringsliv, akademi och civilsamhälle.”',
    source: `${SOURCES.ar2017}; ${SOURCES.budget2018}`,
  },
  {
    name: 'Servicenämnden',
    shortName: '',
    kind: 'committee',
    parent: 'Kommunfullmäktige',
    description: 'Ska driva verksamheten i det kontaktcenter som kommunfullmäktige i maj 2017 beslutade att inrätta (årsredovisning 2017).',
    source: SOURCES.ar2017,
  },
  {
    name: 'Tekniska nämnden',
    shortName: '',
    kind: 'committee',
    parent: 'Kommunfullmäktige',
    description: 'En av de tekniska nämnderna, som driver och genomför merparten av stadens stora investeringsprojekt (årsredovisning 2016).',
    source: SOURCES.ar2016ks,
  },
  {
    name: 'Stadsbyggnadsnämnden',
    shortName: '',
    kind: 'committee',
    parent: 'Kommunfullmäktige',
    description: 'En av de tekniska nämnderna, som driver och genomför merparten av stadens stora investeringsprojekt (årsredovisning 2016).',
    source: SOURCES.ar2016ks,
  },
  {
    name: 'Malmö stadshus AB',
    shortName: '',
    kind: 'company',
    parent: 'Kommunfullmäktige',
    description: 'Står i demon för stadens bolag som grupp. Texterna talar om ”nämnder och bolag” utan att namnge bolagen.',
    source: SOURCES.budget2018,
  },
  {
    name: 'Region Skåne',
    shortName: '',
    kind: 'external',
    description: 'Part, med staten och Malmö stad, i överenskommelsen om Storstadspaket för Malmö med omkringliggande kommuner (årsredovisning 2017).',
    source: SOURCES.ar2017,
  },
  {
    name: 'Polisen',
    shortName: '',
    kind: 'external',
    description: 'Part i ett planerat kunskapscentrum för preventivt arbete i samarbete mellan Malmö stad, Malmö högskola och polis (årsredovisning 2017).',
    source: SOURCES.ar2017,
  },
  {
    name: 'Malmö universitet',
    shortName: '',
    kind: 'external',
    description: 'Malmö högskola blev universitet 2018; ett forum för dialog och samarbete mellan staden, studenter och forskarstudenter etableras (budget 2018).',
    source: `${SOURCES.budget2018}; ${SOURCES.ar2017}`,
  },
  {
    name: 'World Maritime University',
    shortName: 'WMU',
    kind: 'external',
    description: 'Malmö stad stärker samarbetet med World Maritime University och dess initiativ Ocean Institute (budget 2018).',
    source: SOURCES.budget2018,
  },
  {
    name: 'The Greater Copenhagen & Skåne Committee',
    shortName: '',
    kind: 'external',
    description: 'Öresundskommittén ombildades under 2016 till The Greater Copenhagen & Skåne Committee (årsredovisning 2016).',
    source: SOURCES.ar2016ks,
  },
];

export const years: { year: number; status: YearStatus; source: string }[] = [
  { year: 2016, status: 'closed', source: SOURCES.ar2016ks },
  { year: 2017, status: 'closed', source: SOURCES.ar2017 },
  { year: 2018, status: 'active', source: SOURCES.budget2018 },
];

export interface DemoPeriod {
  year: number;
  kind: PeriodKind;
  name: string;
  startsOn: string;
  endsOn: string;
  reportDue: string;
  status: 'open' | 'closed';
  source: string;
}

// The texts name no follow-up calendar; the periods follow the usual Swedish municipal cycle and
// their report dates are demo settings.
export const periods: DemoPeriod[] = [
  { year: 2016, kind: 'annual', name: 'Helår 2016', startsOn: '2016-01-01', endsOn: '2016-12-31', reportDue: '2017-02-15', status: 'closed', source: SOURCES.demo },
  { year: 2018, kind: 'tertial', name: 'Tertial 1 2018', startsOn: '2018-01-01', endsOn: '2018-04-30', reportDue: '2018-05-15', status: 'open', source: SOURCES.demo },
  { year: 2018, kind: 'interim', name: 'Delår 2018', startsOn: '2018-01-01', endsOn: '2018-08-31', reportDue: '2018-09-15', status: 'open', source: SOURCES.demo },
  { year: 2018, kind: 'annual', name: 'Helår 2018', startsOn: '2018-01-01', endsOn: '2018-12-31', reportDue: '2019-02-15', status: 'open', source: SOURCES.demo },
];

/** The eight focus areas of "Det här vill Malmö", in the page's order. */
export const focusAreas: { name: string; description: string; source: string }[] = [
  'En välfungerande arbetsmarknad och ökad sysselsättning',
  'En trygg stad',
  'Migration och social sammanhållning',
  'Säkerställ likvärdig utbildning, vård och omsorg',
  'Förbättrad transportinfrastruktur',
  'Ökat bostadsbyggande och god livsmiljö',
  'Miljö och klimat',
  'Demokrati',
].map((name) => ({ name, description: 'Fokusområde i Det här vill Malmö, Malmö stads positionsförflyttningar gentemot nationella beslutsfattare.', source: SOURCES.omvarld }));

export const councilGoal = {
  body: 'Kommunfullmäktige',
  reference: 'KF-mål 2018',
  title:
    'Malmöborna ska kunna känna sig stolta över sin unga, globala och moderna stad där frågor om jämlikhet, jämställdhet, antidiskriminering, miljö och delaktighet står högt på dagordningen.',
  // The two paragraphs that open the budget's chapter, before the goal itself.
  description: [
    'Malmö ska vara en stad i framkant – ung, global, jämställd och hållbar. En i verklig mening modern stad. Här prövar vi ständigt nytt, vi utmanar fördomar och är öppna för förändring och samarbete. Vi arbetar med social och ekologisk hållbarhet som bas i ett brett utvecklingsarbete.',
    'Stadens viktigaste tillgång är Malmöborna. Alla ska kunna ta del av och bidra till den positiva utvecklingen. Genom att minska ojämlikheten och se till att alla kan ta aktiv del i bygget av Malmö stärker vi både stadens attraktionskraft och tar tillvara på alla individers fulla potential. Vår utgångspunkt är att de skillnader vi ser i hälsa mellan olika grupper ska minskas genom att påverka de bakomliggande orsakerna.',
  ].join('\n\n'),
  year: 2018,
  source: `${SOURCES.budget2018} (”Kommunfullmäktigemål”)`,
};

export const direction2018 = {
  body: 'Kommunfullmäktige',
  year: 2018,
  title: 'Inriktning 2018',
  text: [
    'Malmö ska visa mod och nyfikenhet inför framtiden. Arbetet med att implementera Malmökommissionens övergripande rekommendationer om kunskapsallianser och sociala investeringar ska fortsätta. Stadens hållbarhetsarbete tar under året ytterligare steg framåt genom att kommunstyrelsens hållbarhetskansli förstärks för att samordna hållbarhetsarbetet och tillsammans med stadens övriga nämnder och bolag omvandla de globala hållbarhetsmålen Agenda 2030 till ledstjärnor i det lokala arbetet. Kansliet ska också samordna stadens ansökningar av externa medel i syfte att stärka Malmös hållbarhetsarbete ytterligare.',
    'Arbetet med att digitalisera Malmö stads verksamheter fortsätter under året i syfte att erbjuda Malmöborna bättre och smartare samhällsservice och välfärd. Det är viktigt att kommunen drar nytta av den kompetens som finns bland stadens många teknik- och uppstartsbolag. En digital stödfunktion inrättas som kan stötta stadens digitala utvecklingsarbete. Områdena i staden som omfattas av öppna wi-fi utvidgas, vilket förbättrar servicen.',
    'Malmös roll som en framtida kuststad stärks. Femtio procent av Malmös yta består av vatten. Genom ett nära samarbete med World Maritime University i Malmö finns stora möjligheter att stärka Malmös miljöprofil och generera ny kunskap om hållbara hav till gagn för såväl staden som för övriga världen. Samarbetet stärks med World Maritime Universitys initiativ Ocean Institute.',
    'Att högskolan blir universitet 2018 innebär stora möjligheter att utveckla studentstaden Malmö. Ett viktigt led i arbetet handlar om att etablera en infrastruktur för kontinuerlig dialog mellan staden, studenter och forskarstudenter. Ett forum för dialog och samarbete etableras.',
  ].join('\n\n'),
  source: `${SOURCES.budget2018} (”Inriktning 2018”)`,
};

export interface DemoAssignment {
  reference: string;
  title: string;
  text: string;
  issuer: string;
  target: 'bodies' | 'all_committees_and_companies';
  lead?: string;
  targetNote: string;
  focusAreas: string[];
  status: AssignmentStatus;
  source: string;
}

/** The four assignments of 2018, each the budget's sentence verbatim, issued together with the council goal. */
export const assignments2018: DemoAssignment[] = [
  {
    reference: 'Uppdrag 2018:1',
    title: 'Samtliga nämnder och bolag får i uppdrag att exemplifiera hur man arbetar med att integrera de globala målen i samverkan med andra nämnder och externa aktörer.',
    text: 'Samtliga nämnder och bolag får i uppdrag att exemplifiera hur man arbetar med att integrera de globala målen i samverkan med andra nämnder och externa aktörer.',
    issuer: 'Kommunfullmäktige',
    target: 'all_committees_and_companies',
    targetNote: '',
    focusAreas: [],
    status: 'ongoing',
    source: `${SOURCES.budget2018} (”Uppdrag 2018”)`,
  },
  {
    reference: 'Uppdrag 2018:2',
    title: 'Kommunstyrelsens hållbarhetskansli ges i uppdrag att samordna ansökningar av externa medel i syfte att stärka Malmös hållbarhetsarbete.',
    text: 'Kommunstyrelsens hållbarhetskansli ges i uppdrag att samordna ansökningar av externa medel i syfte att stärka Malmös hållbarhetsarbete.',
    issuer: 'Kommunfullmäktige',
    target: 'bodies',
    lead: 'Kansliet för hållbar utveckling',
    targetNote: '',
    focusAreas: [],
    status: 'ongoing',
    source: `${SOURCES.budget2018} (”Uppdrag 2018”)`,
  },
  {
    reference: 'Uppdrag 2018:3',
    title: 'Kommunstyrelsen ges i uppdrag att inrätta en digital stödfunktion som kan stödja nämnderna i att ta tillvara digitaliseringens möjligheter.',
    text: 'Kommunstyrelsen ges i uppdrag att inrätta en digital stödfunktion som kan stödja nämnderna i att ta tillvara digitaliseringens möjligheter.',
    issuer: 'Kommunfullmäktige',
    target: 'bodies',
    lead: 'Kommunstyrelsen',
    targetNote: '',
    focusAreas: [],
    status: 'ongoing',
    source: `${SOURCES.budget2018} (”Uppdrag 2018”)`,
  },
  {
    reference: 'Uppdrag 2018:4',
    title: 'Kommunstyrelsen, tillsammans med berörda nämnder, ges i uppdrag att stärka Malmös roll som framtidens kuststad.',
    text: 'Kommunstyrelsen, tillsammans med berörda nämnder, ges i uppdrag att stärka Malmös roll som framtidens kuststad.',
    issuer: 'Kommunfullmäktige',
    target: 'bodies',
    lead: 'Kommunstyrelsen',
    targetNote: 'tillsammans med berörda nämnder',
    // The direction's paragraph on the coastal city ties it to "Malmös miljöprofil" and "hållbara hav".
    focusAreas: ['Miljö och klimat'],
    status: 'ongoing',
    source: `${SOURCES.budget2018} (”Uppdrag 2018” och ”Inriktning 2018”)`,
  },
];

export const BUDGET_2018 = 'Budget 2018';

/**
 * The demo's dates follow its material, not the day it was loaded (which would show 2018 texts as
 * published in the loading year). The texts give no dates, so each is an example date, said so in the
 * organisation's description and in the history comments: the budget 2018 material at the start of
 * the year it governs, the 2018 assignments' first steps at the end of the first tertial, the
 * follow-up examples on their period's report day (submitted) and the week after (approved).
 */
export const demoDates = {
  /** Goal, direction and assignments of budget 2018 published; the assignments' status "new". */
  budget2018: '2018-01-02T09:00:00+01:00',
  /** The 2018 assignments' later status, reached by the end of Tertial 1 2018. */
  assignments2018Status: '2018-04-30T12:00:00+02:00',
  assignments2018Comment: 'Demodata: exempeldatum. Källan anger inte när statusen ändrades.',
  /** The commission's assignments published with the state the 2016 annual report gives. */
  commissionPublished: '2016-12-31T12:00:00+01:00',
  /** The follow-up examples: submitted on Tertial 1 2018's report day, approved a week later. */
  followUpSubmitted: '2018-05-15T10:00:00+02:00',
  followUpApproved: '2018-05-22T10:00:00+02:00',
};

/**
 * The Malmö Commission follow-up: the annual report gives only the counts of KS's "30-tal"
 * special investigation assignments (19 closed, 8 handled as progress reports, 4 ongoing).
 */
export const commission = {
  issuer: 'Kommunstyrelsen',
  // KS coordinates the follow-up; which committee holds each assignment the text does not say.
  lead: 'Kommunstyrelsen',
  year: 2016,
  sourceTitle: 'Kommissionen för ett socialt hållbart Malmö',
  counts: { closed: 19, progress_reported: 8, ongoing: 4 } as const,
  title: (n: number) => `Utredningsuppdrag ${n} från Malmökommissionen (exempeltitel)`,
  reference: (n: number) => `MK ${n}`,
  text:
    'Titeln är en platshållare: de verkliga titlarna och texterna finns inte i källan. Malmö stads årsredovisning 2016 (kommunstyrelsen) berättar bara att ' +
    'kommunstyrelsen har beslutat om ett 30-tal särskilda utredningsuppdrag utifrån Malmökommissionens åtgärdsförslag, och hur läget var vid årets slut: ' +
    '19 uppdrag behandlade av kommunstyrelsen och avslutade, 8 politiskt behandlade i form av lägesrapporter och 4 pågående men ännu inte politiskt behandlade. ' +
    'Demon återger den fördelningen. Vilken nämnd som har uppdraget framgår inte heller; här står kommunstyrelsen, som samordnar uppföljningen, som ansvarig.',
  /** The path each status took, as the lifecycle allows; the text gives no dates. */
  paths: {
    closed: ['new', 'ongoing', 'reported', 'closed'],
    progress_reported: ['new', 'ongoing', 'progress_reported'],
    ongoing: ['new', 'ongoing'],
  } as Record<'closed' | 'progress_reported' | 'ongoing', AssignmentStatus[]>,
  historyComment: 'Demodata: läget enligt Malmö stads årsredovisning 2016. Källan anger inte när ändringen skedde; datumet är årets sista dag.',
  historyDate: '2016-12-31',
  source: SOURCES.ar2016ks,
};

export const followUpExamples = {
  period: 'Tertial 1 2018',
  statusReports: [
    {
      assignment: 'Uppdrag 2018:3',
      body: 'Kommunstyrelsen',
      progress: 'on_track' as Progress,
      state: 'approved' as const,
      comment:
        'Exempel: en lägesrapport skriven för demon, inte Malmö stads egen rapportering. Den visar hur kommunstyrelsen efter första tertialet kan rapportera läget för uppdraget om en digital stödfunktion, och den är godkänd och därför publik.',
    },
    {
      assignment: 'Uppdrag 2018:2',
      body: 'Kansliet för hållbar utveckling',
      progress: 'on_track' as Progress,
      state: 'submitted' as const,
      comment:
        'Exempel: en lägesrapport skriven för demon, inte Malmö stads egen rapportering. Den är inskickad av kansliet och väntar på att en strateg granskar och godkänner den.',
    },
  ],
  goalAssessments: [
    {
      body: 'Kommunfullmäktige',
      assessment: 'partly_met' as Assessment,
      state: 'approved' as const,
      comment: 'Exempel: en bedömning skriven för demon, inte Malmö stads egen bedömning av kommunfullmäktigemålet.',
    },
  ],
  source: SOURCES.demo,
};

export interface DemoUser {
  email: string;
  role: Role;
  name: string;
  bodies: string[];
}

/** One account per role; the passwords are generated when the demo is loaded. */
export const users: DemoUser[] = [
  { email: 'admin@malmo.example', role: 'admin', name: 'Demo Administratör', bodies: [] },
  { email: 'strateg@malmo.example', role: 'strategist', name: 'Demo Strateg', bodies: [] },
  { email: 'rapportor@malmo.example', role: 'reporter', name: 'Demo Rapportör', bodies: ['Servicenämnden'] },
  { email: 'lasare@malmo.example', role: 'reader', name: 'Demo Läsare', bodies: [] },
];
