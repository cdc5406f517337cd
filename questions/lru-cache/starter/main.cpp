#include <iostream>

using namespace std;

// A least-recently-used cache of at most `capacity` keys (see the statement).
class LRUCache {
public:
    explicit LRUCache(int capacity) : capacity_(capacity) {
        // TODO: choose your data structures.
    }

    // TODO: the value for key (now the most recently used), or -1.
    int get(int key) {
        (void)key;
        return -1;
    }

    // TODO: store value under key; evict the least recently used key when full.
    void put(int key, int value) {
        (void)key; (void)value;
    }

private:
    int capacity_;
};

// A demonstration: the example from the statement. Change it as you like.
int main() {
    LRUCache cache(2);
    cache.put(1, 1);
    cache.put(2, 2);
    cout << cache.get(1) << "\n";  // 1
    cache.put(3, 3);
    cout << cache.get(2) << "\n";  // -1
    return 0;
}
