/**
 * The question bank (issue 11): what routes and the room import. Hidden cases stay on
 * the server: `questionFor` is for the server's own use; what a client gets is
 * `listQuestions` and `publicView`.
 */

export { outputMatches } from '@codesync/executor/compare';
export { questionFor } from './bank';
export type { Comparison, Difficulty, TestCase, Topic } from './schema';
export type { Example, PublicQuestion, QuestionSummary } from './views';
export { listQuestions, publicView, starterFor } from './views';
