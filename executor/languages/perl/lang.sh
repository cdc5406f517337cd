#!/bin/sh
# perl: no compile step. Analysis is perlcritic (PPI reads the source and never runs
# it), not `perl -c`, which runs BEGIN blocks and `use` imports: the job's own code.
# --noprofile: a job's profile is not configuration.
case "$1" in
  analyze) perlcritic --noprofile --quiet --verbose '%f:%l:%c: %m (%p)\n' $(find . -name '*.pl' -o -name '*.pm') ;;
  compile) exit 0 ;;
  run) exec perl "$2" ;;
esac
