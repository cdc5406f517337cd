/**
 * Three pages: `/` creates an interview, `/r/<roomId>#token=…` is a room and
 * `/r/<roomId>/report` its report. The room page (editor, Yjs) and the report are their
 * own chunks: the landing page never downloads them.
 */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './errors/ErrorBoundary';
import { Landing } from './pages/Landing';
import { isReportPath, takeReportLink } from './report/reportLink';
import { takeRoomLink } from './room/link';
import './styles.css';

const Room = lazy(() => import('./pages/Room').then((m) => ({ default: m.Room })));
const ReportPage = lazy(() => import('./report/ReportPage').then((m) => ({ default: m.ReportPage })));

function App() {
  if (isReportPath(location.pathname)) {
    const link = takeReportLink(location, sessionStorage, (url) => history.replaceState(null, '', url));
    if (!link) {
      return (
        <main className="landing">
          <div className="card" role="alert">
            <h1>This report link is incomplete</h1>
            <p>Open the report from the room, or use a link that ends with #token=….</p>
            <a href="/">Create a new interview</a>
          </div>
        </main>
      );
    }
    return (
      <ErrorBoundary what="the report">
        <Suspense fallback={<p className="muted loading">Loading the report…</p>}>
          <ReportPage link={link} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  if (location.pathname.startsWith('/r/')) {
    const link = takeRoomLink(location, sessionStorage, (url) => history.replaceState(null, '', url));
    if (!link) {
      return (
        <main className="landing">
          <div className="card" role="alert">
            <h1>This link is incomplete</h1>
            <p>A room link ends with #token=…; ask the interviewer to send it again.</p>
            <a href="/">Create a new interview</a>
          </div>
        </main>
      );
    }
    return (
      <ErrorBoundary what="the room">
        <Suspense fallback={<p className="muted loading">Loading the room…</p>}>
          <Room link={link} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  return <Landing />;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
