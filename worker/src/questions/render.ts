/**
 * Turns the files of questions/ into the text of bank.generated.json (data, not code:
 * esbuild, Vite and tsc import JSON). The worker runs in workerd, which has no
 * filesystem, so the bank is bundled with it; this function
 * is pure (files in, text out) so that scripts/questions.ts writes the bundle with it
 * and the unit test proves, with the same function, that the committed bundle is not stale.
 *
 * @example
 * renderBank({ 'two-sum/question.json': '{…}', 'two-sum/statement.md': '# Two Sum…', 'two-sum/starter/main.py': '…' });
 */
import { LANGUAGE_IDS, LANGUAGES, type LanguageId } from '@codesync/executor/languages';
import { describeIssues, type QuestionFile, questionSchema, SLUG } from './schema';

/** What the bank bundles of one question: never the reference solutions (tests only). */
export interface BankEntry {
  question: QuestionFile;
  statement: string;
  /** By language; a language outside BANK_LANGUAGES may have none (views.ts starterFor falls back). */
  starters: Partial<Record<LanguageId, string>>;
}

/**
 * The languages every question has a starter in (SPEC Q1). A language added to the
 * executor later opens a question with its own starter until the bank has one for it
 * (SPEC LANGB8), so adding a language never means writing a starter for every question.
 */
export const BANK_LANGUAGES: readonly LanguageId[] = [
  'python',
  'javascript',
  'typescript',
  'c',
  'cpp',
  'java',
  'go',
  'rust',
];

/** Only these files of a question's folder are bundled: paths relative to questions/. */
export const BUNDLED_FILE = /^([^/]+)\/(question\.json|statement\.md|starter\/[^/]+)$/;

const ENTRY_TO_LANGUAGE = new Map(LANGUAGE_IDS.map((id) => [LANGUAGES[id].entry, id] as const));

/** Groups bundled files by question; other files (solution/, notes) are skipped. */
function byQuestion(files: Record<string, string>): Map<string, Map<string, string>> {
  const questions = new Map<string, Map<string, string>>();
  for (const [path, content] of Object.entries(files)) {
    const match = BUNDLED_FILE.exec(path);
    if (!match) continue;
    const [, slug, file] = match as unknown as [string, string, string];
    if (!questions.has(slug)) questions.set(slug, new Map());
    questions.get(slug)?.set(file, content);
  }
  return questions;
}

function entryFor(slug: string, files: Map<string, string>): BankEntry {
  const where = `questions/${slug}`;
  if (!SLUG.test(slug)) throw new Error(`${where}: the folder name must be lowercase words joined by "-"`);
  const json = files.get('question.json');
  if (json === undefined) throw new Error(`${where}/question.json is missing`);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`${where}/question.json is not JSON: ${(error as Error).message}`);
  }
  const parsed = questionSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${where}/question.json: ${describeIssues(parsed.error)}`);
  if (parsed.data.slug !== slug) throw new Error(`${where}/question.json: slug must be "${slug}", the folder name`);
  const statement = files.get('statement.md');
  if (!statement?.trim()) throw new Error(`${where}/statement.md is missing or empty`);

  const starters: Partial<Record<LanguageId, string>> = {};
  for (const [file, content] of files) {
    if (!file.startsWith('starter/')) continue;
    const name = file.slice('starter/'.length);
    const language = ENTRY_TO_LANGUAGE.get(name);
    if (!language) {
      const entries = [...ENTRY_TO_LANGUAGE.keys()].join(', ');
      throw new Error(`${where}/${file}: a starter must be named after a language's entry file (${entries})`);
    }
    starters[language] = content;
  }
  const empty = LANGUAGE_IDS.filter((id) => starters[id] !== undefined && !starters[id].trim());
  if (empty.length > 0) {
    const names = empty.map((id) => `starter/${LANGUAGES[id].entry}`).join(', ');
    throw new Error(`${where}: a starter must hold a program; empty: ${names} (write one, or delete the file)`);
  }
  // Languages in the table's order, so the text does not depend on the order files were read.
  const ordered = Object.fromEntries(LANGUAGE_IDS.flatMap((id) => (starters[id] ? [[id, starters[id]]] : [])));
  return { question: parsed.data, statement, starters: ordered };
}

/** The bundle's entries, by slug; throws naming the file and field of the first problem. */
export function bankEntries(files: Record<string, string>): BankEntry[] {
  const questions = byQuestion(files);
  if (questions.size === 0) throw new Error('questions/ holds no question');
  const entries = [...questions.keys()]
    .sort()
    .map((slug) => entryFor(slug, questions.get(slug) as Map<string, string>));
  // A language has starters in every question or in none (a language new to the bank
  // falls back to its own starter everywhere, see starterFor): one forgotten file is an error.
  const covered = LANGUAGE_IDS.filter((id) => entries.some((e) => e.starters[id] !== undefined));
  for (const entry of entries) {
    const missing = covered.filter((id) => entry.starters[id] === undefined);
    if (missing.length > 0) {
      const names = missing.map((id) => `starter/${LANGUAGES[id].entry}`).join(', ');
      throw new Error(
        `questions/${entry.question.slug}: other questions have starters in these languages, this one does not: ${names}`,
      );
    }
    // The bank's own languages are always covered (LANGB8), however few questions there are.
    const required = BANK_LANGUAGES.filter((id) => entry.starters[id] === undefined);
    if (required.length > 0) {
      const names = required.map((id) => `starter/${LANGUAGES[id].entry}`).join(', ');
      throw new Error(`questions/${entry.question.slug}: every language needs a starter; missing or empty: ${names}`);
    }
  }
  return entries;
}

export function renderBank(files: Record<string, string>): string {
  return `${JSON.stringify(bankEntries(files), null, 2)}\n`;
}
