/**
 * A real npm registry (verdaccio) on loopback, with no uplink: tests publish tiny
 * packages to it with the real npm CLI and the executor installs from it. Nothing
 * leaves the machine.
 *
 * @example
 * const registry = await startNpmRegistry();
 * await registry.publish('cs-hello', '1.0.0', 'module.exports = () => "hi";');
 * // EXECUTOR_NPM_REGISTRY: registry.url
 * await registry.close();
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runServer } from 'verdaccio';

const exec = promisify(execFile);

export interface NpmRegistry {
  url: string;
  /** Publishes `name@version` whose index.js is `main`; `extra` goes into its package.json. */
  publish(name: string, version: string, main: string, extra?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function startNpmRegistry(): Promise<NpmRegistry> {
  const dir = mkdtempSync(path.join(tmpdir(), 'codesync-verdaccio-'));
  const server: Server = await runServer({
    self_path: path.join(dir, 'config.yaml'),
    storage: path.join(dir, 'storage'),
    auth: { htpasswd: { file: path.join(dir, 'htpasswd'), max_users: 10 } },
    uplinks: {},
    packages: { '**': { access: '$all', publish: '$authenticated' } },
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'fatal' },
    // biome-ignore lint/suspicious/noExplicitAny: verdaccio's ConfigYaml wants fields a test does not use
  } as any);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  // A user to publish as (verdaccio's htpasswd plugin signs one up on this PUT).
  const signup = await fetch(`${url}-/user/org.couchdb.user:tester`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'tester', password: 'tester-password-1' }),
  });
  const { token } = (await signup.json()) as { token?: string };
  if (!token) throw new Error(`verdaccio refused the test user: ${signup.status}`);
  const npmrc = path.join(dir, 'npmrc');
  writeFileSync(npmrc, `registry=${url}\n${url.replace(/^http:/, '')}:_authToken=${token}\n`);

  return {
    url,
    async publish(name, version, main, extra = {}) {
      const pkg = path.join(dir, 'packages', `${name}-${version}`);
      mkdirSync(pkg, { recursive: true });
      writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ ...extra, name, version, main: 'index.js' }));
      writeFileSync(path.join(pkg, 'index.js'), main);
      await exec('npm', ['publish', '--userconfig', npmrc, '--registry', url, '--no-audit', '--no-fund'], {
        cwd: pkg,
        env: { PATH: process.env.PATH, HOME: dir },
      });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
