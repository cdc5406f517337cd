/**
 * A PEP 503 "simple" package index on loopback, holding tiny pure-Python wheels this
 * module builds (a real wheel: a zip with METADATA, WHEEL and a hashed RECORD, made by
 * python's zipfile). pip installs from it exactly as from PyPI; nothing leaves the machine.
 *
 * @example
 * const index = await startPipIndex();
 * await index.addWheel('cs-greet', '1.0.0', 'cs_greet', 'def hello():\n    return "hi"\n');
 * // EXECUTOR_PIP_INDEX_URL: index.url
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

const BUILD_WHEEL = `
import base64, hashlib, sys, zipfile
out, dist, version, module, source, *requires = sys.argv[1:]
info = f"{dist.replace('-', '_')}-{version}.dist-info"
requires_dist = "".join(f"Requires-Dist: {r}\\n" for r in requires)
files = {
    f"{module}.py": source,
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {dist}\\nVersion: {version}\\n{requires_dist}",
    f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: codesync-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = []
with zipfile.ZipFile(out, "w") as wheel:
    for name, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
        wheel.writestr(name, data)
    record.append(f"{info}/RECORD,,")
    wheel.writestr(f"{info}/RECORD", "\\n".join(record) + "\\n")
`;

/** Builds a wheel at `out` (anywhere: a test may need one outside any index). */
export async function buildWheel(
  out: string,
  dist: string,
  version: string,
  module: string,
  source: string,
  requires: string[] = [],
) {
  await exec('python3', ['-c', BUILD_WHEEL, out, dist, version, module, source, ...requires]);
}

export interface PipIndex {
  url: string;
  /** Adds a wheel of `dist` with one module; `requires` are its `Requires-Dist` lines (PEP 508). */
  addWheel(dist: string, version: string, module: string, source: string, requires?: string[]): Promise<void>;
  close(): Promise<void>;
}

const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

export async function startPipIndex(): Promise<PipIndex> {
  const dir = mkdtempSync(path.join(tmpdir(), 'codesync-pip-index-'));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const project = /^\/simple\/([^/]+)\/$/.exec(url.pathname)?.[1];
    const file = /^\/files\/([^/]+\.whl)$/.exec(url.pathname)?.[1];
    if (project) {
      const wheels = readdirSync(dir).filter((f) => normalize(f.split('-')[0] ?? '') === normalize(project));
      if (wheels.length === 0) return void res.writeHead(404).end('no such project');
      const links = wheels.map((f) => `<a href="/files/${f}">${f}</a>`).join('\n');
      return void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!DOCTYPE html><html><body>${links}</body></html>`);
    }
    if (file && readdirSync(dir).includes(file)) {
      return void res
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(readFileSync(path.join(dir, file)));
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple/`;
  mkdirSync(dir, { recursive: true });
  return {
    url,
    async addWheel(dist, version, module, source, requires = []) {
      const wheel = path.join(dir, `${dist.replace(/-/g, '_')}-${version}-py3-none-any.whl`);
      await buildWheel(wheel, dist, version, module, source, requires);
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
