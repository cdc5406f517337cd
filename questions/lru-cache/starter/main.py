class LRUCache:
    """A least-recently-used cache of at most `capacity` keys (see the statement)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        # TODO: choose your data structures.

    def get(self, key: int) -> int:
        # TODO: the value for key (now the most recently used), or -1.
        return -1

    def put(self, key: int, value: int) -> None:
        # TODO: store value under key; evict the least recently used key when full.
        pass


# A demonstration: the example from the statement. Change it as you like.
cache = LRUCache(2)
cache.put(1, 1)
cache.put(2, 2)
print(cache.get(1))  # 1
cache.put(3, 3)
print(cache.get(2))  # -1
