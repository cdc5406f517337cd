// Imports the standard packages interview programs reach for, so the image's build
// cache holds them compiled (go/Dockerfile).
package main

import (
	"bufio"
	"container/heap"
	"container/list"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

var _ = []any{bufio.NewReader, heap.Init, list.New, errors.New, fmt.Println, math.Abs, big.NewInt,
	bits.Len, os.Exit, regexp.MustCompile, sort.Ints, strconv.Itoa, strings.Fields, sync.NewCond,
	time.Now, unicode.IsDigit}

func main() {}
