/**
 * The three roles of a room and what each may do. Every check happens on the
 * server (the RoomDO), on every message, never only at connect.
 */
export const ROLES = ['interviewer', 'candidate', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * `review`: what is kept from the candidate (history, the report, private notes).
 * `share`: replace a role's link (the old one stops opening the room).
 * `clock`: set, extend or clear the interview's clock; `language`: switch the room's language.
 * `criteria`: add, rename or remove the scorecard's criteria (panel/panelDoc.ts).
 * `signal`: report integrity signals (a large paste, the tab losing focus) about oneself.
 * `question`: write, edit or swap the room's question and its cases.
 * `restore`: restore the room's files to an earlier moment; `fork`: duplicate the room into a new one.
 */
export type Action =
  | 'read'
  | 'edit'
  | 'run'
  | 'end'
  | 'review'
  | 'share'
  | 'clock'
  | 'language'
  | 'criteria'
  | 'signal'
  | 'question'
  | 'restore'
  | 'fork';

const ALLOWED: Record<Role, ReadonlySet<Action>> = {
  interviewer: new Set([
    'read',
    'edit',
    'run',
    'end',
    'review',
    'share',
    'clock',
    'language',
    'criteria',
    'question',
    'restore',
    'fork',
  ]),
  candidate: new Set(['read', 'edit', 'run', 'signal']),
  observer: new Set(['read', 'review']),
};

export function can(role: Role, action: Action): boolean {
  return ALLOWED[role].has(action);
}

/** The role-token hashes a room keeps, one per role. */
export type TokenHashes = Record<Role, string>;

const WHO_MAY: Record<Action, string> = {
  read: 'Anyone with a link to this room can read it.',
  edit: 'Observers watch: only the interviewer and the candidate can edit.',
  run: 'Observers watch: only the interviewer and the candidate can run code.',
  end: 'Only the interviewer can end the interview.',
  review: 'Only the interviewer and observers can see this.',
  share: "Only the interviewer can replace the room's links.",
  clock: "Only the interviewer can change the interview's clock.",
  language: "Only the interviewer can switch the room's language.",
  criteria: "Only the interviewer can change the scorecard's criteria.",
  signal: "Only the candidate's browser reports integrity signals.",
  question: "Only the interviewer can change the room's question and its test cases.",
  restore: "Only the interviewer can restore the room's files to an earlier moment.",
  fork: 'Only the interviewer can duplicate this room into a new one.',
};

/** Why `role` may not do `action`, in words for the person refused. */
export function cannot(role: Role, action: Action): string {
  return `You joined as ${role}. ${WHO_MAY[action]}`;
}
