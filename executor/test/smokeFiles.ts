/** Each language's smoke programs (executor/languages/<id>/smoke/), shared by the runc and runsc files. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const smokeDir = (id: string, sub = '') => path.join(import.meta.dirname, '../languages', id, 'smoke', sub);

export function filesIn(dir: string) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ path: e.name, content: readFileSync(path.join(dir, e.name), 'utf8') }));
}
