/**
 * The app's pages, one route each (wouter): `/` creates an interview, `/r/<roomId>` is
 * a room (its link carries `#token=…`), `/r/<roomId>/report` its report,
 * `/r/<roomId>/playback` its playback, `/signin`, `/signup` and `/account` an
 * interviewer's account (web/src/account/), `/dashboard` its interviews and team
 * (web/src/dashboard/). Every page
 * but the landing is its own chunk, so the landing page never downloads the editor.
 * A new page is one `<Route>` line here and a lazy import.
 */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { Route, Switch, useParams } from 'wouter';
import { SignedInLink } from './dashboard/SignedInLink';
import { ErrorBoundary } from './errors/ErrorBoundary';
import { Landing } from './pages/Landing';
import { prefetchManifest } from './playback/manifestPrefetch';
import { type RoomLink, takeRoomLink } from './room/link';
import { takeReviewLink } from './room/reviewLink';
import './styles.css';

const Room = lazy(() => import('./pages/Room').then((m) => ({ default: m.Room })));
const ReportPage = lazy(() => import('./report/ReportPage').then((m) => ({ default: m.ReportPage })));
const SignInPage = lazy(() => import('./account/SignInPage').then((m) => ({ default: m.SignInPage })));
const SignUpPage = lazy(() => import('./account/SignUpPage').then((m) => ({ default: m.SignUpPage })));
const AccountPage = lazy(() => import('./account/AccountPage').then((m) => ({ default: m.AccountPage })));
const Dashboard = lazy(() => import('./dashboard/Dashboard').then((m) => ({ default: m.Dashboard })));
const PlaybackPage = lazy(() => import('./playback/PlaybackPage').then((m) => ({ default: m.PlaybackPage })));

const replaceUrl = (url: string) => history.replaceState(null, '', url);

function IncompleteLink({ what }: { what: string }) {
  return (
    <main className="landing">
      <div className="card" role="alert">
        <h1>This {what} link is incomplete</h1>
        <p>A link to a room ends with #token=…; ask the interviewer to send it again.</p>
        <a href="/">Create a new interview</a>
      </div>
    </main>
  );
}

/**
 * A page that needs a room's token: takes it from the link (or session storage) once;
 * without one, a signed-in owner or team member still gets in (SignedInLink).
 */
function WithLink({
  take,
  what,
  children,
}: {
  take: () => RoomLink | null;
  what: string;
  children: (link: RoomLink) => React.ReactNode;
}) {
  const link = take();
  const { roomId = '' } = useParams<{ roomId: string }>();
  const shown = (found: RoomLink) => (
    <ErrorBoundary what={`the ${what}`}>
      <Suspense fallback={<p className="muted loading">Loading the {what}…</p>}>{children(found)}</Suspense>
    </ErrorBoundary>
  );
  if (!link)
    return (
      <SignedInLink roomId={roomId} fallback={<IncompleteLink what={what} />}>
        {shown}
      </SignedInLink>
    );
  return shown(link);
}

/** The playback's link; its manifest starts loading at once, beside the page's chunk. */
function takePlaybackLink(): RoomLink | null {
  const link = takeReviewLink('playback', location, sessionStorage, replaceUrl);
  if (link) prefetchManifest(link.roomId, link.token);
  return link;
}

/** A page loaded on demand, with the same fallback as the others. */
const page = (element: React.ReactNode) => (
  <Suspense fallback={<p className="muted loading">Loading…</p>}>{element}</Suspense>
);

function App() {
  return (
    <Switch>
      <Route path="/r/:roomId/report">
        <WithLink what="report" take={() => takeReviewLink('report', location, sessionStorage, replaceUrl)}>
          {(link) => <ReportPage link={link} />}
        </WithLink>
      </Route>
      <Route path="/r/:roomId/playback">
        <WithLink what="playback" take={() => takePlaybackLink()}>
          {(link) => <PlaybackPage link={link} />}
        </WithLink>
      </Route>
      <Route path="/r/:roomId">
        <WithLink what="room" take={() => takeRoomLink(location, sessionStorage, replaceUrl)}>
          {(link) => <Room link={link} />}
        </WithLink>
      </Route>
      <Route path="/signin">{page(<SignInPage />)}</Route>
      <Route path="/signup">{page(<SignUpPage />)}</Route>
      <Route path="/account">{page(<AccountPage />)}</Route>
      <Route path="/dashboard">{page(<Dashboard />)}</Route>
      <Route>
        <Landing />
      </Route>
    </Switch>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
