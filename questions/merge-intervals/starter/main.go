package main

import (
	"bufio"
	"fmt"
	"os"
)

// merge: The overlapping intervals merged, sorted by start. intervals[k] is {start, end}.
func merge(intervals [][2]int) [][2]int {
	// TODO: your solution here.
	return nil
}

func main() {
	in := bufio.NewReader(os.Stdin)
	var n int
	fmt.Fscan(in, &n)
	intervals := make([][2]int, n)
	for k := range intervals {
		fmt.Fscan(in, &intervals[k][0], &intervals[k][1])
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, interval := range merge(intervals) {
		fmt.Fprintln(out, interval[0], interval[1])
	}
}
