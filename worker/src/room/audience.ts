/**
 * Who a message is for. Every frame and room message the Durable Object sends goes
 * through `reaches`, so content meant for some roles (interviewer notes, hidden
 * tests) has one path, and a test can prove it never reaches a candidate's socket.
 */
import type { Role } from '../auth/roles';

export type Audience =
  /** Everyone in the room. */
  | { to: 'everyone' }
  /** Everyone but one connection (the sender of an update already has it). */
  | { to: 'others'; except: string }
  /** Only connections that joined with one of these roles. */
  | { to: 'roles'; roles: readonly Role[] }
  /** One connection. */
  | { to: 'connection'; connId: string };

export const EVERYONE: Audience = { to: 'everyone' };

export function reaches(audience: Audience, listener: { connId: string; role: Role }): boolean {
  switch (audience.to) {
    case 'everyone':
      return true;
    case 'others':
      return listener.connId !== audience.except;
    case 'roles':
      return audience.roles.includes(listener.role);
    case 'connection':
      return listener.connId === audience.connId;
    default: {
      const unreachable: never = audience;
      return unreachable;
    }
  }
}
