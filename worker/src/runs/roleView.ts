/**
 * What each role is sent of a run: the one place a run is cut down for a role. A
 * candidate gets a test run's visible cases in full and, of a hidden case, only its
 * place, `hidden: true`, its verdict and time; the roles that may review (roles.ts:
 * the interviewer and observers) get everything. Every run message, the runs sent on
 * connect and every run an HTTP route answers go through here, so the browser never
 * has anything to filter.
 *
 * @example
 * for (const { message, audience } of runMessageViews(update)) sendMessage(message, audience);
 * return ok(runFor(run, principal.role));
 */
import { can, ROLES, type Role } from '../auth/roles';
import type { Audience } from '../room/audience';
import type { CaseView, OutcomeView } from '../tests/schema';
import type { RunEvent, RunMessage } from './events';
import type { Run } from './run';

/** Who sees hidden cases in full: the roles that may review the interview. */
export const seesHidden = (role: Role): boolean => can(role, 'review');

export function caseFor(testCase: CaseView, role: Role): CaseView {
  if (!testCase.hidden || seesHidden(role)) return testCase;
  return { id: testCase.id, hidden: true, redacted: true };
}

export function outcomeFor(outcome: OutcomeView, role: Role): OutcomeView {
  if (!outcome.hidden || seesHidden(role)) return outcome;
  return { id: outcome.id, hidden: true, verdict: outcome.verdict, timeMs: outcome.timeMs, redacted: true };
}

export function runFor(run: Run, role: Role): Run {
  if (!run.tests) return run;
  const { cases, outcomes } = run.tests;
  return {
    ...run,
    tests: { cases: cases.map((c) => caseFor(c, role)), outcomes: outcomes.map((o) => outcomeFor(o, role)) },
  };
}

export function runEventFor(event: RunEvent, role: Role): RunEvent {
  switch (event.type) {
    case 'test':
      return { ...event, outcome: outcomeFor(event.outcome, role) };
    case 'finished':
      return event.tests ? { ...event, tests: event.tests.map((o) => outcomeFor(o, role)) } : event;
    case 'queued':
    case 'started':
    case 'output':
    case 'analysis':
    case 'failed':
      return event;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export function runMessageFor(message: RunMessage, role: Role): RunMessage {
  switch (message.type) {
    case 'runs':
      return { ...message, runs: message.runs.map((r) => runFor(r, role)) };
    case 'run.queued':
      return { ...message, run: runFor(message.run, role) as typeof message.run };
    case 'run.event':
      return { ...message, event: runEventFor(message.event, role) };
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
}

/** A run message for everyone in the room: one send per role, each with that role's view. */
export function runMessageViews<M extends RunMessage>(message: M): { message: M; audience: Audience }[] {
  return ROLES.map((role) => ({
    message: runMessageFor(message, role) as M,
    audience: { to: 'roles', roles: [role] },
  }));
}
