/**
 * Splits the stream Docker gives for an attached, non-TTY container into stdout and
 * stderr: each frame is an 8-byte header (byte 0 the stream, bytes 4–7 the payload's
 * length, big-endian) and then the payload. Chunks from the socket cut frames anywhere,
 * so a partial frame waits for the rest.
 *
 * @example
 * const demux = new DockerDemuxer();
 * socket.on('data', (chunk) => { for (const frame of demux.push(chunk)) handle(frame); });
 */
export interface Frame {
  /** `case`: only in the runner's own framing, never Docker's (runner.pl: a test case ended). */
  stream: 'stdout' | 'stderr' | 'case';
  data: Buffer;
}

const HEADER_BYTES = 8;
const STREAMS: Record<number, Frame['stream'] | undefined> = { 1: 'stdout', 2: 'stderr', 3: 'case' };

export class DockerDemuxer {
  #buffered: Buffer = Buffer.alloc(0);

  /** The whole frames that `chunk` completes, in order. */
  push(chunk: Buffer): Frame[] {
    this.#buffered = this.#buffered.length > 0 ? Buffer.concat([this.#buffered, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.#buffered.length >= HEADER_BYTES) {
      const size = this.#buffered.readUInt32BE(4);
      if (this.#buffered.length < HEADER_BYTES + size) break;
      const stream = STREAMS[this.#buffered[0] as number];
      const data = this.#buffered.subarray(HEADER_BYTES, HEADER_BYTES + size);
      this.#buffered = this.#buffered.subarray(HEADER_BYTES + size);
      // Stream 0 (stdin) is never sent back for a container without a TTY.
      if (stream && data.length > 0) frames.push({ stream, data });
    }
    return frames;
  }

  /** Bytes of a frame that has not arrived whole (non-zero when a stream ends mid-frame). */
  get pendingBytes(): number {
    return this.#buffered.length;
  }
}
