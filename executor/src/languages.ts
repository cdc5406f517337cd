/**
 * The languages CodeSync runs, read from each language's folder
 * (executor/languages/<id>/language.json). The executor owns this table (DESIGN.md:
 * each service owns its contract); the worker seeds rooms from it and the web app maps
 * file names to languages with it.
 *
 * The imports are static so that every bundler (esbuild under wrangler, Vite, tsx)
 * inlines the JSON; test/languageFolders.test.ts proves this list names exactly the
 * folders there are.
 *
 * @example
 * languageForPath('lib/util.cc'); // 'cpp'
 * LANGUAGES[DEFAULT_LANGUAGE].entry; // 'main.py'
 */
import bash from '../languages/bash/language.json' with { type: 'json' };
import c from '../languages/c/language.json' with { type: 'json' };
import cpp from '../languages/cpp/language.json' with { type: 'json' };
import csharp from '../languages/csharp/language.json' with { type: 'json' };
import elixir from '../languages/elixir/language.json' with { type: 'json' };
import go from '../languages/go/language.json' with { type: 'json' };
import haskell from '../languages/haskell/language.json' with { type: 'json' };
import java from '../languages/java/language.json' with { type: 'json' };
import javascript from '../languages/javascript/language.json' with { type: 'json' };
import kotlin from '../languages/kotlin/language.json' with { type: 'json' };
import lua from '../languages/lua/language.json' with { type: 'json' };
import ocaml from '../languages/ocaml/language.json' with { type: 'json' };
import perl from '../languages/perl/language.json' with { type: 'json' };
import php from '../languages/php/language.json' with { type: 'json' };
import python from '../languages/python/language.json' with { type: 'json' };
import r from '../languages/r/language.json' with { type: 'json' };
import ruby from '../languages/ruby/language.json' with { type: 'json' };
import rust from '../languages/rust/language.json' with { type: 'json' };
import scala from '../languages/scala/language.json' with { type: 'json' };
import sql from '../languages/sql/language.json' with { type: 'json' };
import typescript from '../languages/typescript/language.json' with { type: 'json' };
import { type LanguageFile, languageSchema } from './languageSchema';

// The order is the order people see them in.
const FILES = {
  python,
  javascript,
  typescript,
  c,
  cpp,
  java,
  go,
  rust,
  ruby,
  php,
  bash,
  sql,
  lua,
  perl,
  r,
  kotlin,
  csharp,
  haskell,
  scala,
  ocaml,
  elixir,
};

export type LanguageId = keyof typeof FILES;

export interface Language extends LanguageFile {
  id: LanguageId;
}

export const LANGUAGE_IDS = Object.keys(FILES) as [LanguageId, ...LanguageId[]];

function load(id: LanguageId, json: unknown): Language {
  const parsed = languageSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`executor/languages/${id}/language.json is invalid: ${problems}`);
  }
  if (parsed.data.id !== id) throw new Error(`executor/languages/${id}/language.json: id must be "${id}"`);
  return { ...parsed.data, id };
}

export const LANGUAGES = Object.fromEntries(LANGUAGE_IDS.map((id) => [id, load(id, FILES[id])])) as Record<
  LanguageId,
  Language
>;

export const DEFAULT_LANGUAGE: LanguageId = 'python';

export function isLanguageId(value: string): value is LanguageId {
  return Object.hasOwn(FILES, value);
}

const BY_EXTENSION = new Map<string, LanguageId>(
  LANGUAGE_IDS.flatMap((id) => LANGUAGES[id].extensions.map((ext) => [ext, id] as const)),
);

/** The language a file is written in, by its extension; null when none claims it. */
export function languageForPath(path: string): LanguageId | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? (BY_EXTENSION.get(name.slice(dot + 1)) ?? null) : null;
}
