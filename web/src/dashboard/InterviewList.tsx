/** The account's interviews, newest first, each with links to its room, report and playback. */
import type { Interview } from '@codesync/worker/dashboard';
import { stateWords, verdictWords, whenWords } from './words';

export function InterviewList({ interviews }: { interviews: Interview[] }) {
  if (interviews.length === 0) {
    return <p className="muted">No interviews yet. Create one and it will be listed here.</p>;
  }
  return (
    <ul className="interview-list" aria-label="Interviews">
      {interviews.map((interview) => (
        <li key={interview.roomId} className="interview" data-room={interview.roomId}>
          <div className="interview-head">
            <h3>{interview.title}</h3>
            <span className={`badge ${interview.status}`}>{stateWords(interview)}</span>
          </div>
          <p className="muted">
            {interview.question ?? 'No question'} · {interview.language} · {whenWords(interview.createdAt)}
            {interview.team && ` · ${interview.owner.name}’s (team)`}
          </p>
          <p>
            Candidate: {interview.candidate ?? 'not joined yet'} · Verdict: {verdictWords(interview.verdict)}
          </p>
          <p className="interview-links">
            <a href={interview.links.room}>Open the room</a>
            <a href={interview.links.report}>Report</a>
            <a href={interview.links.playback}>Playback</a>
          </p>
        </li>
      ))}
    </ul>
  );
}
