import java.util.*;

public class Main {
    /** A least-recently-used cache of at most `capacity` keys (see the statement). */
    static class LRUCache {
        private final int capacity;

        LRUCache(int capacity) {
            this.capacity = capacity;
            // TODO: choose your data structures.
        }

        /** TODO: the value for key (now the most recently used), or -1. */
        int get(int key) {
            return -1;
        }

        /** TODO: store value under key; evict the least recently used key when full. */
        void put(int key, int value) {}
    }

    // A demonstration: the example from the statement. Change it as you like.
    public static void main(String[] args) {
        LRUCache cache = new LRUCache(2);
        cache.put(1, 1);
        cache.put(2, 2);
        System.out.println(cache.get(1)); // 1
        cache.put(3, 3);
        System.out.println(cache.get(2)); // -1
    }
}
