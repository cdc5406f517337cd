/**
 * Docker's stream framing, cut the ways a socket cuts it. No Docker needed.
 */
import { describe, expect, it } from 'vitest';
import { DockerDemuxer, type Frame } from '../../src/sandbox/demux';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

const asText = (frames: Frame[]) => frames.map((f) => `${f.stream}:${f.data.toString('utf8')}`);

describe('DockerDemuxer', () => {
  it('splits several frames that arrive in one chunk', () => {
    const demux = new DockerDemuxer();
    const chunk = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err\n'), frame(1, 'out two\n')]);
    expect(asText(demux.push(chunk))).toEqual(['stdout:out one\n', 'stderr:err\n', 'stdout:out two\n']);
    expect(demux.pendingBytes).toBe(0);
  });

  it('waits for a frame split inside its header and inside its payload', () => {
    const demux = new DockerDemuxer();
    const bytes = Buffer.concat([frame(2, 'hello, world'), frame(1, 'π≈3.14')]);
    const seen: string[] = [];
    // Every cut point, one byte at a time: the worst a socket can do.
    for (let i = 0; i < bytes.length; i++) seen.push(...asText(demux.push(bytes.subarray(i, i + 1))));
    expect(seen).toEqual(['stderr:hello, world', 'stdout:π≈3.14']);
    expect(demux.pendingBytes).toBe(0);
  });

  it('keeps the start of the next frame when a chunk ends a frame and begins another', () => {
    const demux = new DockerDemuxer();
    const bytes = Buffer.concat([frame(1, 'a'), frame(2, 'bcdef')]);
    expect(asText(demux.push(bytes.subarray(0, 12)))).toEqual(['stdout:a']);
    expect(demux.pendingBytes).toBe(3);
    expect(asText(demux.push(bytes.subarray(12)))).toEqual(['stderr:bcdef']);
  });

  it('skips empty frames and stream 0, and reports a frame cut off by the end', () => {
    const demux = new DockerDemuxer();
    const stdin = frame(1, 'ignored');
    stdin[0] = 0;
    expect(asText(demux.push(Buffer.concat([frame(1, ''), stdin, frame(2, 'x')])))).toEqual(['stderr:x']);
    demux.push(frame(1, 'never finished').subarray(0, 10));
    expect(demux.pendingBytes).toBe(10);
  });
});
