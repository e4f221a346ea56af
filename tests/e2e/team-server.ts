import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The team server for browser tests: a throwaway PostgreSQL cluster (initdb in a temporary
 *  folder, on 127.0.0.1 with a free port, as the `postgres` user when the tests run as
 *  root) and the `annotator-server` binary serving dist/, each stopped by its PID. */

const root = resolve(__dirname, '../..');
const root_user = process.getuid?.() === 0;

function pgBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').map(Number).filter((v) => v >= 15);
  if (versions.length === 0) throw new Error('PostgreSQL 15 or newer is needed (.ci/setup --test)');
  return `/usr/lib/postgresql/${Math.max(...versions)}/bin`;
}

function asOwner(program: string, args: string[]) {
  const [file, list] = root_user
    ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
    : [program, args];
  execFileSync(file, list, { stdio: 'pipe' });
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Waits until `pid` has exited (bounded: 30 s). */
async function gone(pid: number) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((next) => setTimeout(next, 25));
  }
  throw new Error(`process ${pid} did not stop`);
}

export class Cluster {
  private constructor(
    readonly dir: string,
    readonly pid: number,
    readonly port: number,
  ) {}

  static async start(): Promise<Cluster> {
    const bin = pgBin();
    const dir = mkdtempSync(join(tmpdir(), 'annotator-e2e-pg-'));
    if (root_user) {
      const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
      const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
      chownSync(dir, Number(ids), Number(gid));
    }
    const data = join(dir, 'data');
    asOwner(`${bin}/initdb`, ['-D', data, '-U', 'admin', '--auth=trust', '-E', 'UTF8', '--locale=C', '-N']);
    const port = await freePort();
    asOwner(`${bin}/pg_ctl`, [
      '-D', data, '-l', join(dir, 'log'), '-w', '-o',
      `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off`,
      'start',
    ]);
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const cluster = new Cluster(dir, pid, port);
    cluster.sql('postgres', 'CREATE ROLE annotator LOGIN NOSUPERUSER NOBYPASSRLS');
    cluster.sql('postgres', 'CREATE DATABASE annotator OWNER annotator');
    return cluster;
  }

  get url() {
    return `postgres://annotator@127.0.0.1:${this.port}/annotator`;
  }

  /** Runs SQL as the superuser: to look behind the server's back. */
  sql(database: string, sql: string): string {
    return execFileSync(`${pgBin()}/psql`, [
      '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1',
      '-h', '127.0.0.1', '-U', 'admin', '-p', String(this.port), '-d', database, '-c', sql,
    ]).toString().trim();
  }

  async stop() {
    try {
      process.kill(this.pid, 'SIGINT');
    } catch {}
    await gone(this.pid);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `annotator-server` (the debug build `make test` makes) on `port`, serving dist/. */
export class TeamServer {
  private constructor(
    readonly child: ChildProcess,
    readonly base: string,
  ) {}

  static binary() {
    const binary = join(root, 'target/debug/annotator-server');
    if (!existsSync(binary)) throw new Error('build the server first: cargo build -p annotator-server');
    return binary;
  }

  static createCoordinator(cluster: Cluster, username: string, password: string) {
    execFileSync(TeamServer.binary(), ['create-coordinator', '--database-url', cluster.url, '--username', username], {
      env: { ...process.env, ANNOTATOR_PASSWORD: password },
      stdio: 'pipe',
    });
  }

  static async start(cluster: Cluster, port: number): Promise<TeamServer> {
    const child = spawn(
      TeamServer.binary(),
      ['serve', '--database-url', cluster.url, '--bind', `127.0.0.1:${port}`, '--dist', join(root, 'dist')],
      { stdio: 'ignore' },
    );
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/api/me`)).status === 401) break;
      } catch {}
      if (Date.now() > deadline) throw new Error('the team server did not start');
      await new Promise((next) => setTimeout(next, 50));
    }
    return new TeamServer(child, base);
  }

  async stop() {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
    await gone(pid);
  }
}
