package main

import (
	"bufio"
	"fmt"
	"os"
)

// maxSubarray: The largest sum of a non-empty contiguous run of nums.
func maxSubarray(nums []int) int {
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
	fmt.Println(maxSubarray(nums))
}
