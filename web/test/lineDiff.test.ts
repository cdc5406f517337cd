import { expect, it } from 'vitest';
import { lineDiff, MAX_DIFF_LINES } from '../src/tests/lineDiff';

it('[TR8] the line diff marks lines only expected and lines only written, keeping the common ones in order', () => {
  expect(lineDiff('1\n2\n3\n', '1\n3\n4\n')).toEqual([
    { kind: 'same', text: '1' },
    { kind: 'expected', text: '2' },
    { kind: 'same', text: '3' },
    { kind: 'got', text: '4' },
  ]);
  expect(lineDiff('a\r\nb\n', 'a\nb')).toEqual([
    { kind: 'same', text: 'a' },
    { kind: 'same', text: 'b' },
  ]);
  expect(lineDiff('x\n', '')).toEqual([{ kind: 'expected', text: 'x' }]);
  expect(lineDiff('x\n'.repeat(MAX_DIFF_LINES + 1), 'x\n')).toBeNull();
});
