/**
 * A token bucket per connection, in memory: a hibernated room forgets buckets, which
 * only ever forgives a client, never blocks one wrongly.
 */
export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes `cost` tokens (one message, or an update's bytes) for `key`; false, taking none, when it has fewer. */
  take(key: string, now = Date.now(), cost = 1): boolean {
    const bucket = this.#refilled(key, now);
    if (bucket.tokens < cost) return false;
    bucket.tokens -= cost;
    return true;
  }

  /** Takes `cost` tokens whatever is left (none below zero): what `key` spent before this bucket existed. */
  spend(key: string, cost: number, now = Date.now()): void {
    const bucket = this.#refilled(key, now);
    bucket.tokens = Math.max(0, bucket.tokens - cost);
  }

  /** How long until `key` could take `cost` tokens, in whole seconds (0: now). */
  secondsUntil(key: string, cost: number, now = Date.now()): number {
    const missing = cost - this.#refilled(key, now).tokens;
    return missing <= 0 ? 0 : Math.ceil(missing / this.perSecond);
  }

  #refilled(key: string, now: number): { tokens: number; at: number } {
    const bucket = this.#buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    return bucket;
  }

  forget(key: string): void {
    this.#buckets.delete(key);
  }
}
