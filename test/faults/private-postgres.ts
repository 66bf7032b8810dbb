// A throwaway PostgreSQL cluster of the test's own, in a temp dir on a free loopback port, which a
// fault test may stop and start at will without touching the machine's shared server.
//
// initdb refuses to run as root. When the tests run as root (CI containers), the cluster is created
// and run as the `postgres` system user through `runuser -u postgres --`, in a temp dir handed to
// that user; otherwise it runs as the current user.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TIMEOUT_MS = 60_000;

/** The newest installed PostgreSQL's bin directory that has initdb and pg_ctl, if any. */
export function postgresBinDir(root = '/usr/lib/postgresql'): string | undefined {
  let versions: string[];
  try {
    versions = fs.readdirSync(root);
  } catch {
    return undefined;
  }
  return versions
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'))
    .find((bin) => fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl')));
}

export interface PrivateCluster {
  /** postgres://…@127.0.0.1:port/postgres, trust authentication on loopback only. */
  url: string;
  port: number;
  start(): Promise<void>;
  /** A fast shutdown: connections are terminated, as when an operator stops the server. */
  stop(): Promise<void>;
  /** Stops the cluster if it runs and deletes its directory. */
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function systemUser(name: string): { uid: number; gid: number } | undefined {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function createCluster(bin: string): Promise<PrivateCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-pg-'));
  const asRoot = process.getuid?.() === 0;
  let command = (file: string, args: string[]): [string, string[]] => [file, args];
  if (asRoot) {
    const postgres = systemUser('postgres');
    if (!postgres) throw new Error('Running as root, but there is no postgres system user to run a private cluster as.');
    fs.chownSync(dir, postgres.uid, postgres.gid);
    command = (file, args) => ['runuser', ['-u', 'postgres', '--', file, ...args]];
  }
  const exec = async (tool: string, args: string[]) => {
    const [file, argv] = command(path.join(bin, tool), args);
    try {
      await run(file, argv, { cwd: dir, timeout: TIMEOUT_MS });
    } catch (err) {
      const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8').slice(-2000) : '';
      throw new Error(`${tool} ${args.join(' ')} failed: ${(err as Error).message}\n${log}`);
    }
  };

  const data = path.join(dir, 'data');
  const port = await freePort();
  await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Loopback only, the socket in our own dir; durability is not what this cluster is for.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const cluster: PrivateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => exec('pg_ctl', ['start', '-D', data, '-l', path.join(dir, 'log'), '-o', options, '-w', '-t', '30']),
    stop: () => exec('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']),
    async destroy() {
      if (fs.existsSync(path.join(data, 'postmaster.pid'))) await exec('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await cluster.start();
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return cluster;
}
