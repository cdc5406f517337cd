package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
)

// groupAnagrams: The words grouped so that each group holds anagrams of one another.
func groupAnagrams(words []string) [][]string {
	// TODO: your solution here.
	return [][]string{words}
}

func main() {
	in := bufio.NewReader(os.Stdin)
	var n int
	fmt.Fscan(in, &n)
	words := make([]string, n)
	for k := range words {
		fmt.Fscan(in, &words[k])
	}
	// The expected output: each group sorted, then the lines sorted.
	lines := []string{}
	for _, group := range groupAnagrams(words) {
		sorted := append([]string(nil), group...)
		sort.Strings(sorted)
		lines = append(lines, strings.Join(sorted, " "))
	}
	sort.Strings(lines)
	fmt.Println(strings.Join(lines, "\n"))
}
