// Every page reachable in the demo organisation, in Swedish: see a11y-crawl.ts.
import { crawlSuite } from './a11y-crawl';

crawlSuite('sv');
