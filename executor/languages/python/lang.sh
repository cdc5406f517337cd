#!/bin/sh
# python: no compile step; pyflakes for analysis.
case "$1" in
  analyze) python3 -m pyflakes . ;;
  compile) exit 0 ;;
  run) exec python3 -u "$2" ;;
esac
