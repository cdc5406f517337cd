#!/bin/sh
# c: gcc (C17); gcc's warnings are the analysis.
case "$1" in
  analyze) gcc -std=c17 -fsyntax-only -Wall -Wextra $(find . -name '*.c') ;;
  compile) gcc -std=c17 -O2 -pipe -o /tmp/build/main $(find . -name '*.c') -lm ;;
  run) exec /tmp/build/main ;;
esac
