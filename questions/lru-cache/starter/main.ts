/** A least-recently-used cache of at most `capacity` keys (see the statement). */
class LRUCache {
  constructor(private readonly capacity: number) {
    // TODO: choose your data structures.
  }

  /** TODO: the value for key (now the most recently used), or -1. */
  get(key: number): number {
    return -1;
  }

  /** TODO: store value under key; evict the least recently used key when full. */
  put(key: number, value: number): void {}
}

// A demonstration: the example from the statement. Change it as you like.
const cache = new LRUCache(2);
cache.put(1, 1);
cache.put(2, 2);
console.log(cache.get(1)); // 1
cache.put(3, 3);
console.log(cache.get(2)); // -1
