package main

import "fmt"

func main() {
	var a, b int
	fmt.Scan(&a, &b)
	fmt.Println("Hello, CodeSync!")
	fmt.Printf("sum=%d\n", a+b)
}
