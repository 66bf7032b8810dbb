// The demo organisation: its data (malmo.ts) and the loader used by `riktning serve` and `riktning demo`.
export { loadDemoIfEmpty, type DemoAccount } from './load-demo';
