/**
 * The room's question, without workerd: what each role's view may carry, the changes,
 * their limits and the order a test run takes the cases in.
 */
import { MAX_STDIN_BYTES, MAX_TEST_EXPECTED_BYTES } from '@codesync/executor/limits';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/auth/roles';
import {
  MAX_QUESTION_BYTES,
  MAX_QUESTION_CASES,
  MAX_QUESTION_STATEMENT_BYTES,
  MAX_QUESTION_TITLE_CHARS,
} from '../../src/limits';
import { applyChange } from '../../src/room/question/changes';
import { questionFromBank } from '../../src/room/question/fromBank';
import { type CaseInput, questionChange, type RoomQuestion } from '../../src/room/question/schema';
import { runOrder, viewFor } from '../../src/room/question/views';

/** Strings that appear only in the hidden case: any view that carries one of them leaks. */
const SECRETS = ['HIDDEN-NAME-7f3a', 'HIDDEN-STDIN-91c2', 'HIDDEN-EXPECTED-e04b'];

function question(): RoomQuestion {
  return {
    from: null,
    title: 'Sum',
    statement: '# Sum\nAdd two numbers.',
    difficulty: 'easy',
    cases: [
      { id: 'visible0000a', name: 'small', stdin: '1 2\n', expected: '3\n', hidden: false, compare: 'trimmed' },
      {
        id: 'hidden00000b',
        name: SECRETS[0] as string,
        stdin: `${SECRETS[1]}\n`,
        expected: `${SECRETS[2]}\n`,
        hidden: true,
        compare: 'exact',
        timeLimitMs: 500,
      },
      { id: 'visible0000c', name: 'zero', stdin: '0 0\n', expected: '0\n', hidden: false, compare: 'exact' },
    ],
  };
}

const aCase = (over: Partial<CaseInput> = {}): CaseInput => ({
  name: 'case',
  stdin: '1\n',
  expected: '1\n',
  hidden: false,
  compare: 'exact',
  ...over,
});

let counter = 0;
const ids = () => `id${String(counter++).padStart(10, '0')}`;

describe('views of the room question', () => {
  it('[RQ2] a candidate’s view carries no byte of a hidden case, only how many there are', () => {
    const view = viewFor('candidate', question());
    const json = JSON.stringify(view);
    for (const secret of SECRETS) expect(json).not.toContain(secret);
    expect(json).not.toContain('hidden00000b');
    expect(view).toMatchObject({
      title: 'Sum',
      statement: '# Sum\nAdd two numbers.',
      difficulty: 'easy',
      hiddenCases: 1,
    });
    expect(view?.cases.map((c) => c.name)).toEqual(['small', 'zero']);
  });

  it('[RQ2] the interviewer and observers see every case, hidden ones with their input and output', () => {
    for (const role of ['interviewer', 'observer'] as const) {
      const json = JSON.stringify(viewFor(role, question()));
      for (const secret of SECRETS) expect(json).toContain(secret);
    }
  });

  it('[RQ2] a field added to the stored question later never reaches a view (allow-list, not a spread)', () => {
    const stored = question();
    const extra = {
      ...stored,
      notes: 'PRIVATE-NOTE',
      cases: stored.cases.map((c) => ({ ...c, solution: 'PRIVATE-SOLUTION' })),
    } as RoomQuestion;
    for (const role of ROLES) {
      const json = JSON.stringify(viewFor(role, extra));
      expect(json).not.toContain('PRIVATE-NOTE');
      expect(json).not.toContain('PRIVATE-SOLUTION');
    }
  });

  it('[RQ2] after every kind of change the candidate’s view still carries no hidden case', () => {
    let q = question();
    const changes = [
      { op: 'edit', statement: 'new statement' },
      { op: 'addCase', case: aCase({ name: 'HIDDEN-NAME-2', stdin: 'HIDDEN-STDIN-2', expected: 'x', hidden: true }) },
      { op: 'editCase', id: 'visible0000a', case: { hidden: true, name: 'HIDDEN-NAME-3' } },
    ] as const;
    for (const change of changes) {
      const next = applyChange(q, change, ids);
      if (!next.ok) throw new Error(next.refusal.message);
      q = next.value;
      const json = JSON.stringify(viewFor('candidate', q));
      for (const secret of [...SECRETS, 'HIDDEN-NAME-2', 'HIDDEN-STDIN-2', 'HIDDEN-NAME-3']) {
        expect(json).not.toContain(secret);
      }
    }
    expect(viewFor('candidate', q)?.hiddenCases).toBe(3);
  });

  it('[RQ2] a bank question’s hidden cases stay out of the candidate’s view', () => {
    const bank = questionFromBank('two-sum');
    if (!bank) throw new Error('two-sum is in the bank');
    const hidden = bank.cases.filter((c) => c.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    const json = JSON.stringify(viewFor('candidate', bank));
    for (const c of hidden) {
      expect(json).not.toContain(JSON.stringify(c.stdin).slice(1, -1));
      expect(json).not.toContain(c.id);
    }
  });
});

describe('changes to the room question', () => {
  it('[RQ8] cases run in order: visible first, then hidden, each in the interviewer’s order', () => {
    expect(runOrder(question()).map((c) => c.id)).toEqual(['visible0000a', 'visible0000c', 'hidden00000b']);
    expect(runOrder(null)).toEqual([]);
  });

  it('[RQ4] a question is written from scratch, its cases given ids; cases are added, edited, toggled and deleted', () => {
    const write = questionChange.parse({ op: 'write', title: 'T', statement: 'S' });
    if (write.op !== 'write') throw new Error('parsed as a write');
    const written = applyChange(null, write, ids);
    if (!written.ok) throw new Error(written.refusal.message);
    expect(written.value).toMatchObject({ from: null, title: 'T', statement: 'S', difficulty: 'medium', cases: [] });
    const added = applyChange(written.value, { op: 'addCase', case: aCase({ timeLimitMs: 800 }) }, ids);
    if (!added.ok) throw new Error(added.refusal.message);
    const id = added.value.cases[0]?.id as string;
    const toggled = applyChange(added.value, { op: 'editCase', id, case: { hidden: true, timeLimitMs: null } }, ids);
    if (!toggled.ok) throw new Error(toggled.refusal.message);
    expect(toggled.value.cases[0]).toEqual({
      id,
      name: 'case',
      stdin: '1\n',
      expected: '1\n',
      hidden: true,
      compare: 'exact',
    });
    const deleted = applyChange(toggled.value, { op: 'deleteCase', id }, ids);
    expect(deleted.ok && deleted.value.cases).toEqual([]);
    const gone = applyChange(toggled.value, { op: 'editCase', id: 'nosuchcase00', case: { hidden: false } }, ids);
    expect(!gone.ok && gone.refusal.message).toMatch(/^id: no case/);
  });

  it('[RQ4] editing a room with no question says how to make one', () => {
    const result = applyChange(null, { op: 'edit', statement: 'x' }, ids);
    expect(!result.ok && result.refusal.message).toMatch(/write one .* or swap/);
  });

  it('[RQ5] each limit refuses just past it, naming the field', () => {
    const refusal = (body: unknown) => {
      const parsed = questionChange.safeParse(body);
      return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    expect(refusal({ op: 'edit', title: 'x'.repeat(MAX_QUESTION_TITLE_CHARS) })).toBeNull();
    expect(refusal({ op: 'edit', title: 'x'.repeat(MAX_QUESTION_TITLE_CHARS + 1) })).toMatch(/^title: must be at most/);
    expect(refusal({ op: 'edit', statement: 'x'.repeat(MAX_QUESTION_STATEMENT_BYTES) })).toBeNull();
    expect(refusal({ op: 'edit', statement: 'x'.repeat(MAX_QUESTION_STATEMENT_BYTES + 1) })).toMatch(
      /^statement: must be at most 65536 bytes/,
    );
    // Bytes, not characters: 'é' is two.
    expect(refusal({ op: 'edit', statement: 'é'.repeat(MAX_QUESTION_STATEMENT_BYTES / 2 + 1) })).toMatch(/^statement/);
    expect(refusal({ op: 'addCase', case: aCase({ stdin: 'x'.repeat(MAX_STDIN_BYTES + 1) }) })).toMatch(
      /^case\.stdin: must be at most/,
    );
    expect(refusal({ op: 'addCase', case: aCase({ expected: 'x'.repeat(MAX_TEST_EXPECTED_BYTES + 1) }) })).toMatch(
      /^case\.expected: must be at most/,
    );
    expect(refusal({ op: 'addCase', case: aCase({ timeLimitMs: 99 }) })).toMatch(/^case\.timeLimitMs/);
    expect(refusal({ op: 'addCase', case: { ...aCase(), compare: 'fuzzy' } })).toMatch(
      /^case\.compare: must be one of exact, trimmed/,
    );
    const tooMany = Array.from({ length: MAX_QUESTION_CASES + 1 }, () => aCase());
    expect(refusal({ op: 'write', title: 't', statement: 's', cases: tooMany })).toMatch(
      /^cases: a question has at most 50/,
    );
    expect(refusal({ op: 'teleport' })).toMatch(/op must be one of/);
  });

  it('[RQ5] a case past MAX_QUESTION_CASES, or a question past MAX_QUESTION_BYTES, is refused naming it', () => {
    const full = {
      ...question(),
      cases: Array.from({ length: MAX_QUESTION_CASES }, (_, i) => ({
        ...aCase(),
        id: `c${String(i).padStart(11, '0')}`,
      })),
    };
    const one = applyChange(full, { op: 'addCase', case: aCase() }, ids);
    expect(!one.ok && one.refusal.message).toMatch(/^cases: a question has at most 50 cases/);
    const big = 'x'.repeat(MAX_TEST_EXPECTED_BYTES);
    let q = question();
    let last = applyChange(q, { op: 'addCase', case: aCase({ expected: big }) }, ids);
    while (last.ok) {
      q = last.value;
      last = applyChange(q, { op: 'addCase', case: aCase({ expected: big }) }, ids);
    }
    expect(last.refusal.message).toMatch(new RegExp(`^question: would be \\d+ bytes .* over ${MAX_QUESTION_BYTES}`));
    expect(q.cases.length).toBeGreaterThan(3);
  });
});
