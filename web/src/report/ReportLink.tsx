/**
 * The way to the report from the room, for those who may read it (the interviewer and
 * observers: `review` in the worker's roles module, the same check the server makes).
 */
import { can, type Role } from '@codesync/worker/roles';
import { reportPath } from './reportLink';

export function ReportLink({ roomId, role, label = 'Report' }: { roomId: string; role?: Role; label?: string }) {
  if (!role || !can(role, 'review')) return null;
  return (
    <a className="button" href={reportPath(roomId)}>
      {label}
    </a>
  );
}
