/**
 * What each role is sent of a run: the one place a run is cut down for a role. A
 * candidate gets a test run's visible cases in full and, of a hidden case, only its
 * place, `hidden: true`, its verdict and time; the roles that may review (roles.ts:
 * the interviewer and observers) get everything. Every run message, the runs sent on
 * connect and every run an HTTP route answers go through here, so the browser never
 * has anything to filter.
 *
 * @example
 * for (const { message, audience } of runUpdateViews(update)) sendMessage(message, audience);
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

/**
 * A run message for everyone in the room, as one send per view: the whole message to
 * the roles that see hidden cases, the cut-down one to the others.
 */
export function runMessageViews<M extends RunMessage>(message: M): { message: M; audience: Audience }[] {
  const full = ROLES.filter(seesHidden);
  const others = ROLES.filter((role) => !seesHidden(role));
  return [
    { message, audience: { to: 'roles', roles: full } },
    // Every role outside `full` gets the same cut: the first one's view stands for them all.
    ...(others[0]
      ? [{ message: runMessageFor(message, others[0]) as M, audience: { to: 'roles', roles: others } as Audience }]
      : []),
  ];
}
