/**
 * A room made from a bank question in a language the bank has no starter for (SPEC
 * LANGB8): it opens with the language's own starter, in workerd with the real bundle.
 */
import { LANGUAGES } from '@codesync/executor/languages';
import { describe, expect, it } from 'vitest';
import { questionFor } from '../../src/questions/bank';
import { api, createRoom } from './support';

describe('a bank question in a later language', () => {
  it.each(['kotlin', 'haskell', 'elixir'] as const)(
    '[LANGB8] two-sum in %s opens with the language’s own starter',
    async (language) => {
      expect(questionFor('two-sum')?.starters[language]).toBeUndefined();
      const room = await createRoom({ questionId: 'two-sum', language });
      const res = await api(`/api/rooms/${room.roomId}/files`, { token: room.tokens.candidate });
      const files = (await res.json()) as { files: { path: string; content: string }[]; entry: string };
      const { entry, starter } = LANGUAGES[language];
      expect(files).toMatchObject({ files: [{ path: entry, content: starter }], entry });
    },
  );
});
