/// A least-recently-used cache of at most `capacity` keys (see the statement).
#[allow(dead_code)]
struct LRUCache {
    capacity: usize,
    // TODO: choose your data structures.
}

#[allow(unused_variables)]
impl LRUCache {
    fn new(capacity: usize) -> Self {
        LRUCache { capacity }
    }

    /// TODO: the value for key (now the most recently used), or -1.
    fn get(&mut self, key: i32) -> i32 {
        -1
    }

    /// TODO: store value under key; evict the least recently used key when full.
    fn put(&mut self, key: i32, value: i32) {}
}

// A demonstration: the example from the statement. Change it as you like.
fn main() {
    let mut cache = LRUCache::new(2);
    cache.put(1, 1);
    cache.put(2, 2);
    println!("{}", cache.get(1)); // 1
    cache.put(3, 3);
    println!("{}", cache.get(2)); // -1
}
