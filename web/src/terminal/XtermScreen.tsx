/**
 * The terminal's screen, drawn by xterm.js: the recent screen first (what a late joiner
 * is sent), then each piece of output as it arrives. One size for everyone
 * (TERMINAL_COLS × TERMINAL_ROWS): the shell has one pty, so every participant's screen
 * wraps the same way. Keystrokes go out only while `typing` (the keyboard holder, or any
 * editor while the keyboard is free); the server refuses anyone else's anyway. The screen
 * takes the focus only when this page is given the keyboard (`holding`): a free keyboard
 * must not pull an editor's typing out of the code. Loaded on demand: xterm is not small.
 */
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { RoomConnection } from '../room/connection';

export const TERMINAL_COLS = 100;
export const TERMINAL_ROWS = 24;

export default function XtermScreen(props: {
  connection: RoomConnection;
  terminalId: string;
  typing: boolean;
  holding: boolean;
}) {
  const { connection, terminalId, typing, holding } = props;
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const typingRef = useRef(typing);
  typingRef.current = typing;

  useEffect(() => {
    if (!host.current) return;
    const xterm = new Terminal({ cols: TERMINAL_COLS, rows: TERMINAL_ROWS, convertEol: false, scrollback: 2000 });
    xterm.open(host.current);
    xterm.write(connection.terminalScreen());
    const offOutput = connection.onTerminalOutput((message) => {
      if (message.terminalId === terminalId) xterm.write(message.data);
    });
    const offInput = xterm.onData((data) => {
      if (typingRef.current) connection.terminal({ type: 'terminal.input', terminalId, data });
    });
    term.current = xterm;
    return () => {
      offOutput();
      offInput.dispose();
      xterm.dispose();
      term.current = null;
    };
  }, [connection, terminalId]);

  useEffect(() => {
    if (term.current) term.current.options.disableStdin = !typing;
  }, [typing]);

  useEffect(() => {
    if (holding) term.current?.focus();
  }, [holding]);

  return <div className="xterm-host" ref={host} data-terminal-id={terminalId} />;
}
