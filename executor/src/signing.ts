/**
 * The executor's side of api.ts's signatures: a request to it must be signed with the
 * worker→executor key over its method, target and raw body, and a signed job request is
 * taken once (ReplayGuard): the same signature again within the tolerance is refused.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { SIGNATURE_HEADER, type SignatureCheck, TIMESTAMP_HEADER, verifySignature } from './api';

export function checkSigned(secret: string, request: FastifyRequest): Promise<SignatureCheck> {
  return verifySignature(
    secret,
    'to-executor',
    { method: request.method, path: request.url, body: request.rawBody ?? '' },
    request.headers[TIMESTAMP_HEADER] as string | undefined,
    request.headers[SIGNATURE_HEADER] as string | undefined,
  );
}

/** `Authorization: Bearer <expected>`, compared in constant time. */
export function hasBearer(request: FastifyRequest, expected: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${expected}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export type ReplayCheck = 'fresh' | 'replayed' | 'full';

/**
 * The signatures of the job requests taken within the last SIGNATURE_TOLERANCE_S (SPEC
 * EXEC17): a request whose signature is among them is a replay (a captured request sent
 * again while its timestamp still passes). Bounded: an entry goes once its timestamp is
 * past the tolerance (the timestamp check refuses it from then on), and at most `max` are
 * kept; when that many are live, a new request is refused (busy) rather than one
 * forgotten, which would let its replay through. One node's memory: in cluster mode
 * another API node does not know what this one took (docs/OPERATIONS.md).
 */
export class ReplayGuard {
  /** Signature → its timestamp (unix seconds), in the order taken. */
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly windowS: number,
    private readonly max: number,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** Records `signature` (already verified, `timestamp` within the window) unless it was seen. */
  check(signature: string, timestamp: number): ReplayCheck {
    const now = this.now();
    if (this.#seen.has(signature)) {
      const at = this.#seen.get(signature) as number;
      if (now - at <= this.windowS) return 'replayed';
      this.#seen.delete(signature);
    }
    this.#expire(now, this.#seen.size >= this.max);
    if (this.#seen.size >= this.max) return 'full';
    this.#seen.set(signature, timestamp);
    return 'fresh';
  }

  get size(): number {
    return this.#seen.size;
  }

  /** Drops expired entries: from the oldest taken on, or all of them when `everywhere`. */
  #expire(now: number, everywhere: boolean): void {
    for (const [signature, at] of this.#seen) {
      if (now - at > this.windowS) this.#seen.delete(signature);
      else if (!everywhere) return;
    }
  }
}
