/**
 * The way to a review page (the report, the playback) from the room, for those who may
 * read it (the interviewer and observers: `review` in the worker's roles module, the
 * same check the server makes).
 */
import { can, type Role } from '@codesync/worker/roles';
import { type ReviewPage, reviewPath } from './reviewLink';

const LABELS: Record<ReviewPage, string> = { report: 'Report', playback: 'Playback' };

export function ReviewLink({
  roomId,
  role,
  page,
  label = LABELS[page],
}: {
  roomId: string;
  role?: Role;
  page: ReviewPage;
  label?: string;
}) {
  if (!role || !can(role, 'review')) return null;
  return (
    <a className="button" href={reviewPath(roomId, page)}>
      {label}
    </a>
  );
}
