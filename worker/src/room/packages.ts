/**
 * The libraries a room declares for its runs (SPEC LIB8): per language, a short list of
 * exact `name@version` specs that every run in that language asks the executor to
 * install (cached there) and mount. Kept in the room's SQLite, not in the shared doc,
 * so that only the server writes it, after checking who asks and what they ask for.
 * Kept per language: a room that switches from python to javascript and back keeps
 * each list, and a run never carries one language's list to another's registry.
 *
 * @example
 * const packages = new RoomPackages(ctx.storage.sql);
 * const change = packages.change('python', ['sortedcontainers@2.4.0']); // {ok: true, message}
 * packages.for('python'); // ['sortedcontainers@2.4.0']
 */
import { packagesProblem } from '@codesync/executor/packages';
import type { PackagesMessage } from './packagesSchema';

/** Storage step (storage/migrations.ts): one row per language that has a list. */
export function packagesTable(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS room_packages (
    language TEXT PRIMARY KEY,
    specs TEXT NOT NULL
  )`);
}

export class RoomPackages {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** The list a run in `language` asks for (empty when none was declared). */
  for(language: string): string[] {
    return this.all()[language] ?? [];
  }

  all(): Record<string, string[]> {
    const rows = this.#sql.exec<{ language: string; specs: string }>('SELECT language, specs FROM room_packages');
    return Object.fromEntries(rows.toArray().map((row) => [row.language, JSON.parse(row.specs) as string[]]));
  }

  message(): PackagesMessage {
    return { type: 'packages', packages: this.all() };
  }

  /** Replaces `language`'s list, or says why not (in the executor's own words: one grammar). */
  change(language: string, specs: string[]): { ok: true; message: PackagesMessage } | { ok: false; problem: string } {
    const problem = packagesProblem(language, specs);
    if (problem) return { ok: false, problem };
    if (specs.length === 0) this.#sql.exec('DELETE FROM room_packages WHERE language = ?', language);
    else {
      this.#sql.exec(
        'INSERT INTO room_packages (language, specs) VALUES (?, ?) ON CONFLICT (language) DO UPDATE SET specs = excluded.specs',
        language,
        JSON.stringify(specs),
      );
    }
    return { ok: true, message: this.message() };
  }
}
