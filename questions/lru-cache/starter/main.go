package main

import "fmt"

// LRUCache is a least-recently-used cache of at most capacity keys (see the statement).
type LRUCache struct {
	capacity int
	// TODO: choose your data structures.
}

func NewLRUCache(capacity int) *LRUCache {
	return &LRUCache{capacity: capacity}
}

// Get returns the value for key (now the most recently used), or -1. TODO.
func (c *LRUCache) Get(key int) int {
	return -1
}

// Put stores value under key, evicting the least recently used key when full. TODO.
func (c *LRUCache) Put(key, value int) {}

// A demonstration: the example from the statement. Change it as you like.
func main() {
	cache := NewLRUCache(2)
	cache.Put(1, 1)
	cache.Put(2, 2)
	fmt.Println(cache.Get(1)) // 1
	cache.Put(3, 3)
	fmt.Println(cache.Get(2)) // -1
}
