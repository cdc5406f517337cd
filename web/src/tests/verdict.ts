/** A case's verdict in words, the same for everyone in the room. */
import type { TestVerdict } from '@codesync/executor/api';

export const TEST_VERDICT_TEXT: Record<TestVerdict, string> = {
  passed: 'Passed',
  wrong_answer: 'Wrong answer',
  time_limit: 'Time limit',
  memory_limit: 'Memory limit',
  output_limit: 'Output limit',
  runtime_error: 'Runtime error',
  compile_error: 'Compile error',
  skipped: 'Not run',
  internal_error: 'Internal error',
};
