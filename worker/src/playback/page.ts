/**
 * A page of history on the wire (`GET /api/rooms/:roomId/history/updates`), binary
 * because playback downloads every keystroke: a JSON row with base64 would be ~5× a
 * keystroke's ~25 bytes. A page carries its own table of people, so it reads alone.
 *
 * lib0 encoding:
 *   varUint(version = 1)
 *   varUint(peopleCount) then per person varString(name) varString(role)
 *   varUint(count) then per update
 *     varUint(seq − previous seq) varUint(at − previous at) varUint(person index) varUint8Array(update)
 * The first update's deltas are from 0 (its seq and at in full). `at` never goes
 * backwards in a room's history (one Durable Object, one clock); a page that would is
 * refused by the encoder rather than written wrong.
 *
 * @example
 * const bytes = encodePage(entries);   // worker
 * const { updates } = decodePage(bytes); // web app
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ROLES } from '../auth/roles';
import type { PlaybackPerson } from './schema';

const VERSION = 1;
const PERSON_ROLES: readonly string[] = [...ROLES, 'room'];

export interface PageUpdate {
  seq: number;
  at: number;
  who: PlaybackPerson;
  update: Uint8Array;
}

export function encodePage(updates: readonly PageUpdate[]): Uint8Array {
  const people: PlaybackPerson[] = [];
  const index = new Map<string, number>();
  const personIndex = ({ name, role }: PlaybackPerson) => {
    const key = `${role}\u0000${name}`;
    let i = index.get(key);
    if (i === undefined) {
      i = people.push({ name, role }) - 1;
      index.set(key, i);
    }
    return i;
  };
  const indices = updates.map((u) => personIndex(u.who));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, VERSION);
  encoding.writeVarUint(encoder, people.length);
  for (const { name, role } of people) {
    encoding.writeVarString(encoder, name);
    encoding.writeVarString(encoder, role);
  }
  encoding.writeVarUint(encoder, updates.length);
  let seq = 0;
  let at = 0;
  updates.forEach((u, i) => {
    if (u.seq < seq || u.at < at) throw new Error(`history page out of order at seq ${u.seq}`);
    encoding.writeVarUint(encoder, u.seq - seq);
    encoding.writeVarUint(encoder, u.at - at);
    encoding.writeVarUint(encoder, indices[i] ?? 0);
    encoding.writeVarUint8Array(encoder, u.update);
    seq = u.seq;
    at = u.at;
  });
  return encoding.toUint8Array(encoder);
}

/**
 * Throws on a page this version cannot read (a truncated download, bytes after its end,
 * another version). A view into a larger buffer is copied first: lib0 reads a length-
 * prefixed field as a view of the whole buffer, so a page cut short would otherwise be
 * filled from whatever follows it there.
 */
export function decodePage(bytes: Uint8Array): { people: PlaybackPerson[]; updates: PageUpdate[] } {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const decoder = decoding.createDecoder(whole ? bytes : bytes.slice());
  const version = decoding.readVarUint(decoder);
  if (version !== VERSION) throw new Error(`history page version ${version}; this app reads ${VERSION}`);
  const people: PlaybackPerson[] = [];
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const name = decoding.readVarString(decoder);
    const role = decoding.readVarString(decoder);
    if (!PERSON_ROLES.includes(role)) throw new Error(`history page names an unknown role "${role}"`);
    people.push({ name, role: role as PlaybackPerson['role'] });
  }
  const updates: PageUpdate[] = [];
  let seq = 0;
  let at = 0;
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    seq += decoding.readVarUint(decoder);
    at += decoding.readVarUint(decoder);
    const who = people[decoding.readVarUint(decoder)];
    if (!who) throw new Error(`history page update ${seq} names no one in its table`);
    updates.push({ seq, at, who, update: decoding.readVarUint8Array(decoder) });
  }
  if (decoding.hasContent(decoder)) throw new Error('history page has bytes after its end');
  return { people, updates };
}
