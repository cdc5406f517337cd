#include <stdio.h>
#include <stdlib.h>

/* A least-recently-used cache of at most `capacity` keys (see the statement). */
typedef struct {
    int capacity;
    /* TODO: choose your data structures. */
} LRUCache;

LRUCache *lru_create(int capacity) {
    LRUCache *cache = calloc(1, sizeof *cache);
    cache->capacity = capacity;
    return cache;
}

/* TODO: the value for key (now the most recently used), or -1. */
int lru_get(LRUCache *cache, int key) {
    (void)cache; (void)key;
    return -1;
}

/* TODO: store value under key; evict the least recently used key when full. */
void lru_put(LRUCache *cache, int key, int value) {
    (void)cache; (void)key; (void)value;
}

void lru_free(LRUCache *cache) { free(cache); }

/* A demonstration: the example from the statement. Change it as you like. */
int main(void) {
    LRUCache *cache = lru_create(2);
    lru_put(cache, 1, 1);
    lru_put(cache, 2, 2);
    printf("%d\n", lru_get(cache, 1)); /* 1 */
    lru_put(cache, 3, 3);
    printf("%d\n", lru_get(cache, 2)); /* -1 */
    lru_free(cache);
    return 0;
}
