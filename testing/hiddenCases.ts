/**
 * The strings a candidate must never receive for a bank question: every line of each
 * hidden case's input and expected output (long lines cut to a prefix that is still
 * unique), minus any that also appear in what a candidate may see (the visible cases,
 * the statement, the starters) or are bare numbers, where finding one would prove nothing.
 *
 * @example
 * for (const secret of hiddenSecrets('two-sum')) expect(everythingReceived).not.toContain(secret);
 */
import { questionFor } from '../worker/src/questions';

const PREFIX_CHARS = 48;
const MIN_CHARS = 3;

export function hiddenSecrets(questionId: string): string[] {
  const entry = questionFor(questionId);
  if (!entry) throw new Error(`no question ${questionId}`);
  const visible = [
    entry.statement,
    entry.question.title,
    ...Object.values(entry.starters),
    ...entry.question.tests.filter((c) => !c.hidden).flatMap((c) => [c.stdin, c.expected]),
  ].join('\n');
  const lines = entry.question.tests
    .filter((c) => c.hidden)
    .flatMap((c) => [...c.stdin.split('\n'), ...c.expected.split('\n'), c.name])
    .map((line) => line.trim().slice(0, PREFIX_CHARS))
    // A bare number could be part of a timestamp or a count: not evidence of anything.
    .filter((line) => line.length >= MIN_CHARS && !/^\d+$/.test(line) && !visible.includes(line));
  return [...new Set(lines)];
}
