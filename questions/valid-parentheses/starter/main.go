package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// isValid: Whether every bracket in s is closed by its kind, in order.
func isValid(s string) bool {
	// TODO: your solution here.
	return false
}

func main() {
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	if isValid(strings.TrimRight(line, "\n")) {
		fmt.Println("true")
	} else {
		fmt.Println("false")
	}
}
