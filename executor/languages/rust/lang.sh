#!/bin/sh
# rust: rustc (edition 2021) from the entry file; its warnings are the analysis.
case "$1" in
  analyze) rustc --edition 2021 --error-format short --emit=metadata -o /tmp/analysis.rmeta "$2" ;;
  compile) rustc --edition 2021 -O -o /tmp/build/main "$2" ;;
  run) exec /tmp/build/main ;;
esac
