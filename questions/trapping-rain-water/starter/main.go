package main

import (
	"bufio"
	"fmt"
	"os"
)

// trap: The units of water trapped between the bars.
func trap(nums []int) int {
	// TODO: your solution here.
	return 0
}

func main() {
	in := bufio.NewReader(os.Stdin)
	var n int
	fmt.Fscan(in, &n)
	nums := make([]int, n)
	for k := range nums {
		fmt.Fscan(in, &nums[k])
	}
	fmt.Println(trap(nums))
}
