package main

import (
	"bufio"
	"fmt"
	"os"
)

// canFinish: Whether all n courses can be taken in some order. prerequisites[k] is {course, before}.
func canFinish(n int, prerequisites [][2]int) bool {
	// TODO: your solution here.
	return false
}

func main() {
	in := bufio.NewReader(os.Stdin)
	var n, m int
	fmt.Fscan(in, &n, &m)
	prerequisites := make([][2]int, m)
	for k := range prerequisites {
		fmt.Fscan(in, &prerequisites[k][0], &prerequisites[k][1])
	}
	if canFinish(n, prerequisites) {
		fmt.Println("true")
	} else {
		fmt.Println("false")
	}
}
