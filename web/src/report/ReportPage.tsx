/**
 * The report page (`/r/<roomId>/report`): the interview as the interviewer and
 * observers review it after (or during) the interview: readable on screen, printable
 * (styles.css "report" hides the buttons in print), and downloadable as Markdown made
 * by the same pure function the tests read back (markdown.ts).
 */
import type { Report } from '@codesync/worker/report';
import { useEffect, useState } from 'react';
import type { RoomLink } from '../room/link';
import { reviewPath } from '../room/reviewLink';
import { downloadText } from './download';
import { fetchReport } from './fetchReport';
import { formatDuration, formatTime, reportFileName } from './format';
import { reportMarkdown } from './markdown';
import { CodeSection, JoinSection, PanelSection, QuestionSection, RunSection } from './sections';

type Loaded = { state: 'loading' } | { state: 'refused'; message: string } | { state: 'ready'; report: Report };

export function ReportPage({ link }: { link: RoomLink }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    void fetchReport(link.roomId, link.token).then((answer) => {
      if (!live) return;
      setLoaded(answer.ok ? { state: 'ready', report: answer.report } : { state: 'refused', message: answer.message });
    });
    return () => {
      live = false;
    };
  }, [link.roomId, link.token]);

  useEffect(() => {
    if (loaded.state !== 'ready') return;
    document.title = `Report: ${loaded.report.room.title} · CodeSync`;
    return () => {
      document.title = 'CodeSync';
    };
  }, [loaded]);

  if (loaded.state === 'loading') return <p className="muted loading">Loading the report…</p>;
  if (loaded.state === 'refused') {
    return (
      <main className="landing">
        <div className="card" role="alert">
          <h1>This report cannot be shown</h1>
          <p>{loaded.message}</p>
          <a href={`/r/${link.roomId}`}>Back to the room</a>
        </div>
      </main>
    );
  }
  const { report } = loaded;
  const { room } = report;
  return (
    <main className="report">
      <header className="report-header">
        <div>
          <p className="muted">Interview report</p>
          <h1>{room.title}</h1>
        </div>
        <div className="report-actions">
          <button
            type="button"
            className="primary"
            onClick={() => downloadText(reportFileName(room.title), reportMarkdown(report))}
          >
            Download Markdown
          </button>
          <button type="button" onClick={() => print()}>
            Print
          </button>
          <a className="button" href={reviewPath(room.roomId, 'playback')}>
            Playback
          </a>
          <a className="button" href={`/r/${room.roomId}`}>
            Back to the room
          </a>
        </div>
      </header>
      <dl className="report-facts" aria-label="The interview">
        <dt>Language</dt>
        <dd>{room.language}</dd>
        <dt>Status</dt>
        <dd>{room.status === 'ended' ? 'Ended' : 'Still going'}</dd>
        <dt>Started</dt>
        <dd>{formatTime(room.createdAt)}</dd>
        <dt>Ended</dt>
        <dd>{room.endedAt === null ? 'not yet' : formatTime(room.endedAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(room.durationMs)}</dd>
        <dt>Report made</dt>
        <dd>{formatTime(report.generatedAt)}</dd>
      </dl>
      <QuestionSection question={report.question} />
      <CodeSection files={report.files} entry={report.entry} />
      <RunSection runs={report.runs} />
      <JoinSection joins={report.joins} />
      <PanelSection panel={report.panel} />
    </main>
  );
}
