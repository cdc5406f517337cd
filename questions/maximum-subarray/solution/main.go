package main

import (
	"bufio"
	"fmt"
	"os"
)

// Kadane: the best sum ending here either extends the previous one or starts anew.
func maxSubarray(nums []int) int {
	best, current := nums[0], nums[0]
	for _, x := range nums[1:] {
		if current+x > x {
			current += x
		} else {
			current = x
		}
		if current > best {
			best = current
		}
	}
	return best
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
