package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

var openerOf = map[rune]rune{')': '(', ']': '[', '}': '{'}

// A stack of the openers still waiting for their closer.
func isValid(s string) bool {
	stack := []rune{}
	for _, ch := range s {
		opener, closes := openerOf[ch]
		if !closes {
			stack = append(stack, ch)
			continue
		}
		if len(stack) == 0 || stack[len(stack)-1] != opener {
			return false
		}
		stack = stack[:len(stack)-1]
	}
	return len(stack) == 0
}

func main() {
	// A long line: ReadString has no line-length limit (bufio.Scanner's is 64 KiB).
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	if isValid(strings.TrimRight(line, "\n")) {
		fmt.Println("true")
	} else {
		fmt.Println("false")
	}
}
