#!/bin/sh
# r: no compile step. Analysis is R's own parser on every file (parse() reads, never
# evaluates); --vanilla so neither step reads a profile or restores a workspace.
case "$1" in
  analyze)
    Rscript --vanilla -e 'for (f in list.files(".", "[.][Rr]$", recursive = TRUE)) tryCatch(parse(f), error = function(e) cat(conditionMessage(e), "\n", sep = ""))' ;;
  compile) exit 0 ;;
  run) exec Rscript --vanilla "$2" ;;
esac
