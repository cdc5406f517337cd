/**
 * Room logic without workerd: the log is a list in memory.
 */

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOG_COMPACT_ROWS } from '../../src/limits';
import { encodeUpdate } from '../../src/room/protocol';
import { Room } from '../../src/room/room';
import type { DocumentLog } from '../../src/room/updateLog';

class ListLog implements DocumentLog {
  snapshot: Uint8Array | null = null;
  updates: Uint8Array[] = [];
  load() {
    return [...(this.snapshot ? [this.snapshot] : []), ...this.updates];
  }
  append(update: Uint8Array) {
    this.updates.push(update);
  }
  compact(snapshot: Uint8Array) {
    this.snapshot = snapshot;
    this.updates = [];
  }
  stats() {
    const logBytes = this.updates.reduce((n, u) => n + u.byteLength, 0);
    return { rows: this.updates.length, logBytes, totalBytes: logBytes + (this.snapshot?.byteLength ?? 0) };
  }
}

function editFrom(room: Room, change: (text: Y.Text) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, room.snapshot());
  const before = Y.encodeStateVector(client);
  change(client.getMap<Y.Text>('files').get('main.py') as Y.Text);
  return Y.encodeStateAsUpdate(client, before);
}

describe('Room', () => {
  it('seeds the entry file and metadata once', () => {
    const log = new ListLog();
    const room = new Room(log);
    room.seed('rust', 'T');
    expect(room.files()).toEqual([{ path: 'main.rs', content: 'fn main() {\n    println!("Hello, CodeSync!");\n}\n' }]);
    expect(room.doc.getMap('meta').toJSON()).toEqual({ title: 'T', language: 'rust', activeFile: 'main.rs' });
    expect(log.updates).toHaveLength(1);
  });

  it('logs a writer update before returning the broadcast, and replays it', () => {
    const log = new ListLog();
    const room = new Room(log);
    room.seed('python', 'T');
    const update = editFrom(room, (t) => t.insert(0, 'x'));
    const effects = room.receive({ connId: 'c', canWrite: true }, encodeUpdate(update));
    expect(effects.map((e) => e.kind)).toEqual(['broadcast']);
    expect(log.updates).toHaveLength(2);
    expect(new Room(log).files()[0]?.content.startsWith('xprint')).toBe(true);
  });

  it('ignores a duplicate update: nothing logged, nothing broadcast', () => {
    const log = new ListLog();
    const room = new Room(log);
    room.seed('python', 'T');
    const update = encodeUpdate(editFrom(room, (t) => t.insert(0, 'x')));
    room.receive({ connId: 'c', canWrite: true }, update);
    expect(room.receive({ connId: 'c', canWrite: true }, update)).toEqual([]);
    expect(log.updates).toHaveLength(2);
  });

  it('refuses a read-only change but accepts what it already has', () => {
    const log = new ListLog();
    const room = new Room(log);
    room.seed('python', 'T');
    const change = encodeUpdate(editFrom(room, (t) => t.insert(0, 'x')));
    expect(room.receive({ connId: 'o', canWrite: false }, change)).toMatchObject([
      { kind: 'refused', code: 'read_only' },
    ]);
    expect(room.files()[0]?.content.startsWith('x')).toBe(false);
    expect(room.receive({ connId: 'o', canWrite: false }, encodeUpdate(room.snapshot()))).toEqual([]);
  });

  it(`compacts past ${LOG_COMPACT_ROWS} rows into a snapshot that replays the same`, () => {
    const log = new ListLog();
    const room = new Room(log);
    room.seed('python', 'T');
    for (let i = 0; i <= LOG_COMPACT_ROWS; i++) {
      room.receive({ connId: 'c', canWrite: true }, encodeUpdate(editFrom(room, (t) => t.insert(0, String(i % 10)))));
    }
    expect(log.snapshot).not.toBeNull();
    expect(log.updates.length).toBeLessThan(LOG_COMPACT_ROWS);
    expect(new Room(log).files()).toEqual(room.files());
  });
});
