package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// editDistance: The fewest insertions, deletions and replacements from word1 to word2.
func editDistance(word1, word2 string) int {
	// TODO: your solution here.
	return 0
}

func main() {
	// Either word may be empty: read lines, not whitespace-separated tokens.
	in := bufio.NewReader(os.Stdin)
	word1, _ := in.ReadString('\n')
	word2, _ := in.ReadString('\n')
	fmt.Println(editDistance(strings.TrimRight(word1, "\n"), strings.TrimRight(word2, "\n")))
}
