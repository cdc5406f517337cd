/**
 * A room: files, the shared editor, who is here, the shared console. Asks for a
 * display name once (remembered in this browser) before joining.
 */
import { isLanguageId, LANGUAGES } from '@codesync/executor/languages';
import { takesPackages } from '@codesync/executor/packages';
import { type FileId, setStdin } from '@codesync/worker/doc';
import { can, cannot } from '@codesync/worker/roles';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Clock } from '../clock/Clock';
import { ClockNotice, endedWords } from '../clock/ClockNotice';
import { useClock } from '../clock/useClock';
import { Editor } from '../editor/Editor';
import { languageOf } from '../editor/languages';
import { ErrorBoundary } from '../errors/ErrorBoundary';
import { FileTabs } from '../files/FileTabs';
import { LanguagePicker } from '../language/LanguagePicker';
import { PackagesControl } from '../packages/PackagesControl';
import { useIntegritySignals } from '../panel/integritySignals';
import { PanelSide } from '../panel/PanelSide';
import { HealthBanner } from '../people/HealthDot';
import { ConnectionBadge, People } from '../people/People';
import { usePeerHealth } from '../people/peerHealth';
import { ShareLinks } from '../people/ShareLinks';
import { ProblemPane } from '../problem/ProblemPane';
import { RoomFileActions } from '../restore/RoomFileActions';
import { joinName, type RoomLink, rememberedName, rememberName } from '../room/link';
import { ReviewLink } from '../room/ReviewLink';
import { UnkeptBanner } from '../room/UnkeptBanner';
import { useFiles, useRoomConnection, useRoomState, useStdin } from '../room/useRoom';
import { RunPanel } from '../run/RunPanel';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { hasTests as roomHasTests } from '../tests/hasTests';
import { TestsPanel } from '../tests/TestsPanel';
import { CommentButton } from '../threads/CommentButton';
import { ThreadsPane } from '../threads/ThreadsPane';
import { useThreadsUi } from '../threads/useThreadsUi';

export function Room({ link }: { link: RoomLink }) {
  const [name, setName] = useState(rememberedName);
  if (!name) return <NameGate onName={setName} />;
  return <JoinedRoom link={link} name={name} />;
}

function NameGate({ onName }: { onName(name: string): void }) {
  const [value, setValue] = useState('');
  // Cleaned and counted as the room does: 40 emoji fit, a name of invisible characters is none.
  const joining = joinName(value);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!joining.ok) return;
    rememberName(joining.name);
    onName(joining.name);
  }
  return (
    <main className="landing">
      <form className="card" onSubmit={submit}>
        <h1>Join the interview</h1>
        <label>
          Your name, as others will see it
          {/* biome-ignore lint/a11y/noAutofocus: the only thing to do on this page */}
          <input autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={!joining.ok}>
          Join
        </button>
        {!joining.ok && joining.problem && (
          <p role="alert" className="error">
            {joining.problem}
          </p>
        )}
      </form>
    </main>
  );
}

function JoinedRoom({ link, name }: { link: RoomLink; name: string }) {
  const connection = useRoomConnection(link.roomId, link.token, name);
  const state = useRoomState(connection);
  const { files, entry } = useFiles(connection?.doc ?? null);
  const stdin = useStdin(connection?.doc ?? null);
  const peerHealth = usePeerHealth(connection?.awareness ?? null);
  const [active, setActive] = useState<FileId | null>(null);
  // A file the person just made or renamed: its editor takes the focus when it opens.
  const [focusFile, setFocusFile] = useState<FileId | null>(null);
  /** The Run menu's "Interactive" toggle (run/StdinLine.tsx): this person's choice, not the room's. */
  const [interactive, setInteractive] = useState(false);
  const [sharing, setSharing] = useState(false);
  const roomLanguage = state.room?.language ?? 'python';
  // Your own pick, else the room's entry file: someone else adding a file never moves you.
  const open = [active, entry].map((id) => files.find((f) => f.id === id)).find(Boolean) ?? files[0] ?? null;
  const entryPath = files.find((f) => f.id === entry)?.path ?? files[0]?.path ?? null;
  const canEdit = Boolean(connection?.canEdit());
  const ended = state.room?.status === 'ended';
  const canRun = canEdit && state.status === 'connected';
  const role = state.you?.role;
  // The words come from the worker's roles module, the same ones the server refuses with.
  const whyNot = ended
    ? 'The interview has ended.'
    : role && !can(role, 'run')
      ? cannot(role, 'run')
      : state.status !== 'connected'
        ? 'Waiting for the connection.'
        : null;
  const shownRun = state.runs.at(-1);
  // Only a finished run has analysis.
  const diagnostics = useMemo(() => (shownRun?.state === 'finished' ? shownRun.diagnostics : []), [shownRun]);
  const language = isLanguageId(roomLanguage) ? LANGUAGES[roomLanguage] : null;
  const clock = useClock(state.clock, state.clockOffsetMs, ended);
  // The roles module says who may (the server checks again).
  const mayClock = role !== undefined && can(role, 'clock') && !ended;
  const maySwitch = role !== undefined && can(role, 'language') && !ended;

  // A language switch opens its new entry file for everyone.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the switch is what resets the pick
  useEffect(() => setActive(null), [roomLanguage]);
  useIntegritySignals(link.roomId, link.token, role, open?.path ?? null);
  const hasTests = roomHasTests(state.question);
  const threads = useThreadsUi();
  const mayPrivate = role !== undefined && can(role, 'review') && !ended && threads.panel !== null;

  useEffect(() => {
    const title = state.room?.title;
    document.title = title ? `${title} · CodeSync` : 'CodeSync';
    return () => {
      document.title = 'CodeSync';
    };
  }, [state.room?.title]);

  useEffect(() => {
    if (!connection || !entryPath || !canRun) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        connection.run(interactive ? { path: entryPath, interactive } : { path: entryPath, stdin });
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [connection, entryPath, canRun, stdin, interactive]);

  if (state.fatal) {
    return (
      <main className="landing">
        <div className="card" role="alert">
          <h1>This room cannot be opened</h1>
          <p>{state.fatal}</p>
          <a href="/">Create a new interview</a>
        </div>
      </main>
    );
  }

  return (
    <div className="room">
      <header className="room-header">
        <strong className="brand">CodeSync</strong>
        <span className="title">{state.room?.title ?? '…'}</span>
        {language && (
          <span className="muted language" title="The room's language and the toolchain that runs it">
            {language.version}
          </span>
        )}
        {maySwitch && connection && (
          <LanguagePicker current={roomLanguage} onSwitch={(next) => void connection.switchLanguage(next)} />
        )}
        <Clock now={clock} canChange={mayClock} onChange={(change) => connection?.changeClock(change)} />
        {state.you && <span className={`role role-${state.you.role}`}>{state.you.role}</span>}
        <ConnectionBadge status={state.status} attempts={state.attempts} catchingUp={state.catchingUp} />
        {state.you?.role === 'interviewer' && (
          <button type="button" aria-expanded={sharing} onClick={() => setSharing(!sharing)}>
            Share links
          </button>
        )}
        <ReviewLink roomId={link.roomId} role={state.you?.role} page="report" />
        <ReviewLink roomId={link.roomId} role={state.you?.role} page="playback" />
        <RoomFileActions roomId={link.roomId} token={link.token} role={state.you?.role} ended={ended} />
        {state.you?.role === 'interviewer' && !ended && (
          <button
            type="button"
            className="danger"
            onClick={() => confirm('End the interview for everyone? The room becomes read-only.') && connection?.end()}
          >
            End interview
          </button>
        )}
      </header>
      {sharing && connection && (
        <div className="share-panel">
          <ShareLinks roomId={link.roomId} replace={(role) => connection.replaceLink(role)} />
        </div>
      )}
      {ended && (
        <p className="banner" role="status">
          {endedWords(state.room)}{' '}
          <ReviewLink roomId={link.roomId} role={state.you?.role} page="report" label="Open the report" />
        </p>
      )}
      {state.unkept && connection && (
        <UnkeptBanner unkept={state.unkept} onDismiss={() => connection.dismissUnkept()} />
      )}
      {!ended && state.you?.role === 'observer' && (
        <p className="banner" role="status">
          You are observing: you can watch and read, not edit or run.
        </p>
      )}
      <div className="room-body with-problem">
        <ClockNotice now={clock} />
        {!ended && <HealthBanner state={state.health} />}
        {state.notice && (
          // Over the page, not in its flow: a notice never moves what people are reading.
          <p className="notice" role="alert" key={state.notice.at}>
            {state.notice.message}
          </p>
        )}
        <ErrorBoundary what="the problem">
          <ProblemPane
            question={state.question}
            canChange={Boolean(role && can(role, 'question')) && !ended && state.status === 'connected'}
            onChange={(change) => connection?.changeQuestion(change)}
          />
        </ErrorBoundary>
        <section className="editor-pane">
          <ErrorBoundary what="the editor">
            {connection && open && (
              <FileTabs
                doc={connection.doc}
                files={files}
                active={open.id}
                entry={entry}
                canEdit={canEdit}
                onOpen={(id, focus) => {
                  setActive(id);
                  setFocusFile(focus ? id : null);
                }}
              />
            )}
            {connection && state.synced && open ? (
              <Editor
                key={open.id}
                connection={connection}
                fileId={open.id}
                path={open.path}
                language={languageOf(open.path, roomLanguage)}
                readOnly={!canEdit}
                diagnostics={diagnostics}
                autoFocus={focusFile === open.id}
                onView={threads.setView}
                threadHandlers={threads.handlers}
              />
            ) : (
              <p className="muted loading">Loading the code…</p>
            )}
            <CommentButton ui={threads} allowed={(canEdit && !ended) || mayPrivate} />
          </ErrorBoundary>
          <ErrorBoundary what="the terminal">
            {connection && (
              <TerminalPanel
                connection={connection}
                terminal={state.terminal}
                notice={state.terminalNotice}
                you={state.you}
                canUse={canRun}
                suggestedPath={open?.path ?? null}
              />
            )}
          </ErrorBoundary>
        </section>
        <aside className="side">
          <People peers={state.peers} you={state.you} health={peerHealth} own={state.health} />
          {connection && (
            <ThreadsPane
              doc={connection.doc}
              ui={threads}
              you={state.you}
              canShare={canEdit && !ended}
              canPrivate={mayPrivate}
              openFile={open?.id ?? null}
              onOpenFile={setActive}
            />
          )}
          {role && can(role, 'review') && (
            <PanelSide
              roomId={link.roomId}
              token={link.token}
              name={name}
              role={role}
              onConnection={threads.setPanel}
            />
          )}
          {takesPackages(roomLanguage) && (
            <PackagesControl
              roomId={link.roomId}
              token={link.token}
              language={roomLanguage}
              list={state.packages[roomLanguage] ?? []}
              canEdit={canEdit && !ended}
            />
          )}
          <RunPanel
            runs={state.runs}
            canRun={canRun}
            whyNot={whyNot}
            entryPath={entryPath}
            otherPath={open && open.path !== entryPath ? open.path : null}
            stdin={stdin}
            stdinReadOnly={!canEdit}
            onStdin={(value) => connection && setStdin(connection.doc, value)}
            onRun={(path) => connection?.run(interactive ? { path, interactive } : { path, stdin })}
            onRunTests={hasTests ? () => connection?.runTests(entryPath ? { path: entryPath } : {}) : undefined}
            limits={state.limits}
            canChangeLimits={canRun}
            onLimits={(change) => connection?.setLimits(change)}
            interactive={interactive}
            onInteractive={setInteractive}
            live={{
              input: (runId, input) => connection?.stdin(runId, input),
              stop: (runId) => connection?.stopRun(runId),
            }}
          />
          <TestsPanel runs={state.runs} />
        </aside>
      </div>
    </div>
  );
}
