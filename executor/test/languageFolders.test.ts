/**
 * A language is one folder: executor/languages/<id>/ holds its language.json, its
 * Dockerfile, its lang.sh and its smoke program, and the table the executor, the worker
 * and the web app read lists exactly those folders. No Docker needed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageSchema } from '../src/languageSchema';
import { LANGUAGE_IDS, LANGUAGES, languageForPath } from '../src/languages';
import { imageTag, LANGUAGES_DIR, languageFolders } from '../src/sandbox/imageTags.mjs';

const folders = readdirSync(LANGUAGES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'base')
  .map((e) => e.name);

describe.each(folders)('languages/%s', (folder) => {
  const dir = path.join(LANGUAGES_DIR, folder);

  it('[EXEC13] has a valid language.json whose id is the folder name', () => {
    const parsed = languageSchema.safeParse(JSON.parse(readFileSync(path.join(dir, 'language.json'), 'utf8')));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.id).toBe(folder);
  });

  it('has a Dockerfile and a lang.sh, and its image is named after it', () => {
    expect(existsSync(path.join(dir, 'Dockerfile'))).toBe(true);
    expect(existsSync(path.join(dir, 'lang.sh'))).toBe(true);
    expect(imageTag(folder)).toMatch(new RegExp(`^codesync-${folder}:[0-9a-f]{12}$`));
  });

  it('has a smoke program named by its entry', () => {
    const smoke = path.join(dir, 'smoke');
    const json = JSON.parse(readFileSync(path.join(dir, 'language.json'), 'utf8'));
    expect(readdirSync(smoke)).toContain(json.entry);
    expect(languageForPath(json.entry)).toBe(folder);
  });
});

describe('the table', () => {
  it('[EXEC13] lists exactly the language folders', () => {
    expect([...LANGUAGE_IDS].sort()).toEqual([...folders].sort());
    expect(languageFolders()).toEqual([...folders].sort());
  });

  it('gives each extension to one language only', () => {
    const all = LANGUAGE_IDS.flatMap((id) => LANGUAGES[id].extensions);
    expect(all.length).toBe(new Set(all).size);
  });

  it('maps paths to languages by extension', () => {
    expect(languageForPath('main.py')).toBe('python');
    expect(languageForPath('lib/util.cc')).toBe('cpp');
    expect(languageForPath('include/add.h')).toBe('c');
    expect(languageForPath('README')).toBeNull();
    expect(languageForPath('.py')).toBeNull();
    expect(languageForPath('notes.txt')).toBeNull();
  });

  it('refuses a language.json that breaks the schema, naming the field', () => {
    const broken = { ...LANGUAGES.python, extensions: ['.py'] };
    const issues = languageSchema.safeParse(broken).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toContainEqual(expect.stringMatching(/^extensions\.0: must be a file extension without the dot/));
    const wrongEntry = languageSchema.safeParse({ ...LANGUAGES.python, entry: 'main.rb' }).error?.issues[0];
    expect(wrongEntry).toMatchObject({ path: ['entry'], message: 'must end in one of .py' });
  });
});
