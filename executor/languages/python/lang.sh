#!/bin/sh
# python: no compile step; pyflakes for analysis. -I (isolated) keeps the job's folder
# off the import path: a job file named pyflakes.py must not run in its place.
case "$1" in
  analyze) python3 -I -m pyflakes . ;;
  compile) exit 0 ;;
  run) exec python3 -u "$2" ;;
esac
