#!/bin/sh
# rust: rustc (edition 2021) from the entry file; its warnings are the analysis.
# prefer-dynamic links against the toolchain's libstd.so (found through the rpath)
# instead of copying the static one in: most of a small program's compile was the link.
case "$1" in
  analyze) rustc --edition 2021 --error-format short --emit=metadata -o /tmp/analysis.rmeta "$2" ;;
  compile) rustc --edition 2021 -O -C prefer-dynamic -C rpath -o /tmp/build/main "$2" ;;
  run) exec /tmp/build/main ;;
esac
