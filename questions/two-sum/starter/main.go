package main

import (
	"bufio"
	"fmt"
	"os"
)

// twoSum: The positions i < j of the two numbers that add up to target.
func twoSum(nums []int, target int) (int, int) {
	// TODO: your solution here.
	return 0, 0
}

func main() {
	in := bufio.NewReader(os.Stdin)
	var n int
	fmt.Fscan(in, &n)
	nums := make([]int, n)
	for k := range nums {
		fmt.Fscan(in, &nums[k])
	}
	var target int
	fmt.Fscan(in, &target)
	i, j := twoSum(nums, target)
	fmt.Println(i, j)
}
