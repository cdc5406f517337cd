#!/bin/sh
# bash: no compile step; shellcheck for analysis (gcc-style lines; --norc: a job's own
# shellcheckrc is not configuration).
case "$1" in
  analyze) shellcheck --norc --shell=bash --format=gcc $(find . -name '*.sh' -o -name '*.bash') ;;
  compile) exit 0 ;;
  run) exec bash "$2" ;;
esac
