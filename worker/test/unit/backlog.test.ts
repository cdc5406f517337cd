/** The accounting of bounded send queues (backlog.ts, SYNC13), without sockets. */
import { describe, expect, it } from 'vitest';
import { MAX_BACKLOG_BYTES, PROBE_EVERY_BYTES } from '../../src/limits';
import { Backlogs } from '../../src/room/backlog';

const sv = (n: number) => new Uint8Array([n]);

describe('backlogs', () => {
  it('[SYNC13] probes every PROBE_EVERY_BYTES of whole-document frames, one at a time', () => {
    const backlogs = new Backlogs();
    backlogs.opened('a');
    expect(backlogs.sent('a', PROBE_EVERY_BYTES - 1, true).probe).toBe(false);
    expect(backlogs.sent('a', 1, false).probe).toBe(false); // presence never carries a probe
    expect(backlogs.sent('a', 1, true).probe).toBe(true);
    backlogs.probed('a', sv(1), 3);
    // While that probe is unanswered, no second one.
    expect(backlogs.sent('a', PROBE_EVERY_BYTES, true).probe).toBe(false);
  });

  it("[SYNC13] answers match probes in order, the welcome's first; only a held socket is released, with its probe's state vector", () => {
    const backlogs = new Backlogs();
    backlogs.opened('a');
    expect(backlogs.sent('a', PROBE_EVERY_BYTES, true).probe).toBe(true);
    backlogs.probed('a', sv(1), 3);
    let probed = false;
    for (let sent = 0; sent <= MAX_BACKLOG_BYTES; sent += PROBE_EVERY_BYTES) {
      probed ||= backlogs.sent('a', PROBE_EVERY_BYTES, true).probe;
    }
    expect(probed).toBe(false); // the first probe is still out
    expect(backlogs.held('a')).toBe(true);
    expect(backlogs.answered('a')).toBeNull(); // the welcome's step 1: nothing known by it
    expect(backlogs.held('a')).toBe(true);
    expect(backlogs.answered('a')).toEqual(sv(1));
    expect(backlogs.held('a')).toBe(false);
    expect(backlogs.behind('a')).toBe(MAX_BACKLOG_BYTES + PROBE_EVERY_BYTES);
  });

  it('[SYNC13] a socket held with no probe out asks for one at once, so it is never held for good', () => {
    const backlogs = new Backlogs();
    backlogs.opened('a');
    backlogs.answered('a'); // the welcome
    // A burst with no whole-document frame in it (e.g. presence), then a document frame.
    backlogs.sent('a', MAX_BACKLOG_BYTES + 1, false);
    expect(backlogs.sent('a', 10, true).probe).toBe(true);
    expect(backlogs.held('a')).toBe(true);
    backlogs.probed('a', sv(7), 3);
    expect(backlogs.answered('a')).toEqual(sv(7));
  });

  it('[SYNC13] a socket the room never saw open (from before it woke) starts with nothing outstanding; forget drops it', () => {
    const backlogs = new Backlogs();
    expect(backlogs.answered('old')).toBeNull();
    expect(backlogs.sent('old', PROBE_EVERY_BYTES, true).probe).toBe(true);
    backlogs.forget('old');
    expect(backlogs.behind('old')).toBe(0);
  });

  it('[SYNC14] says once when a socket is held, so the room can keep where it stands', () => {
    const backlogs = new Backlogs();
    backlogs.opened('a');
    backlogs.answered('a');
    expect(backlogs.sent('a', MAX_BACKLOG_BYTES, true).held).toBe(false);
    expect(backlogs.sent('a', 1, true)).toEqual({ probe: true, held: true });
    backlogs.probed('a', sv(2), 3);
    expect(backlogs.sent('a', 10, true)).toEqual({ probe: false, held: false }); // still held, said once
    expect(backlogs.answered('a')).toEqual(sv(2));
  });

  it('[SYNC14] a woken room restores a held socket, released by its next answer with the kept state vector', () => {
    const backlogs = new Backlogs();
    expect(backlogs.known('a')).toBe(false);
    backlogs.restore('a', sv(9));
    expect(backlogs.known('a')).toBe(true);
    expect(backlogs.held('a')).toBe(true);
    expect(backlogs.answered('a')).toEqual(sv(9));
    expect(backlogs.held('a')).toBe(false);
    backlogs.restore('b', null);
    expect(backlogs.held('b')).toBe(false);
    expect(backlogs.answered('b')).toBeNull();
  });
});
