/**
 * Every language of the executor's table with a syntax mode in the editor parses
 * that language's starter with it (web/src/editor/languages.ts).
 */
import { ensureSyntaxTree, language } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { LANGUAGE_IDS, LANGUAGES } from '@codesync/executor/languages';
import { describe, expect, it } from 'vitest';
import { loadLanguage } from '../src/editor/languages';

// Elixir has no CodeMirror mode: it is plain text (LANGB7, editorLanguages.test.ts).
describe.each(LANGUAGE_IDS.filter((id) => id !== 'elixir'))('%s', (id) => {
  it('[LANGA7] loads a syntax mode that parses the starter', async () => {
    const doc = LANGUAGES[id].starter;
    const state = EditorState.create({ doc, extensions: await loadLanguage(id) });
    expect(state.facet(language), id).not.toBeNull();
    const tree = ensureSyntaxTree(state, doc.length, 5_000);
    let tokens = 0;
    tree?.iterate({ enter: (node) => void (node.type.isTop || tokens++) });
    expect(tokens, id).toBeGreaterThan(0);
  });
});

it('[LANGA7] a language the table does not have gets no mode, not an error', async () => {
  expect(await loadLanguage('cobol')).toEqual([]);
});
