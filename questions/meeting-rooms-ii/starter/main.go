package main

import (
	"bufio"
	"fmt"
	"os"
)

// minRooms: The fewest rooms that hold every meeting. intervals[k] is {start, end}.
func minRooms(intervals [][2]int) int {
	// TODO: your solution here.
	return 0
}

func main() {
	in := bufio.NewReader(os.Stdin)
	var n int
	fmt.Fscan(in, &n)
	intervals := make([][2]int, n)
	for k := range intervals {
		fmt.Fscan(in, &intervals[k][0], &intervals[k][1])
	}
	fmt.Println(minRooms(intervals))
}
