package main

import (
	"bufio"
	"fmt"
	"os"
)

// countIslands: The number of islands of 1s connected up, down, left or right. grid[r] is a row of '0' and '1'.
func countIslands(grid []string) int {
	// TODO: your solution here.
	return 0
}

func main() {
	in := bufio.NewReader(os.Stdin)
	var rows, cols int
	fmt.Fscan(in, &rows, &cols)
	grid := make([]string, rows)
	for r := range grid {
		fmt.Fscan(in, &grid[r])
	}
	fmt.Println(countIslands(grid))
}
