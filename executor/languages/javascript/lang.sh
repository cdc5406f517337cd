#!/bin/sh
# javascript: node; `node --check` on every file for analysis.
case "$1" in
  analyze) for f in $(find . -name '*.js' -o -name '*.mjs' -o -name '*.cjs'); do node --check "$f"; done ;;
  compile) exit 0 ;;
  run) exec node --max-old-space-size="$((MEMORY_MB * 3 / 4))" "$2" ;;
esac
