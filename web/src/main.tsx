/**
 * Two pages: `/` creates an interview, `/r/<roomId>#token=…` is a room.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Landing } from './pages/Landing';
import { Room } from './pages/Room';
import { takeRoomLink } from './room/link';
import './styles.css';

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
    return <Room link={link} />;
  }
  return <Landing />;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
