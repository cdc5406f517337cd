/**
 * Two pages: `/` creates an interview, `/r/<roomId>#token=…` is a room. The room page
 * (editor, Yjs) is its own chunk: the landing page never downloads it.
 */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './errors/ErrorBoundary';
import { Landing } from './pages/Landing';
import { takeRoomLink } from './room/link';
import './styles.css';

const Room = lazy(() => import('./pages/Room').then((m) => ({ default: m.Room })));

function App() {
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
