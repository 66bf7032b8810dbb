// Every page reachable in the demo organisation, in English: see a11y-crawl.ts.
import { crawlSuite } from './a11y-crawl';

crawlSuite('en');
