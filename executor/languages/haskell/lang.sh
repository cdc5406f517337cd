#!/bin/sh
# haskell: ghc (GHC 9.0). The analysis is -Wall with -fno-code; ghc puts a finding's text
# on the lines under its "path:line:col: warning:" head, so awk joins the first of them
# onto it (and turns a multi-line span "path:(l,c)-(l,c):" into "path:l:c:"), for the gnu
# parser. The heap is capped in the compiled program's RTS so that a program that
# allocates too much stops with "heap overflow" inside the container's memory. -dynamic
# links against GHC's shared libraries: a static link's ld needs more than 128 MB.
join_findings() {
  awk '
    { sub(/^[^ :]+:\(/, substr($0, 1, index($0, ":(")) "("); }
    /^[^ ].*:\([0-9]+,[0-9]+\)-\([0-9]+,[0-9]+\): / { sub(/:\(/, ":"); sub(/,/, ":"); sub(/\)-\([0-9]+,[0-9]+\)/, "") }
    head != "" && /^ +[^ ]/ { sub(/^ +(• )?/, ""); print head " " $0; head = ""; next }
    head != "" { print head; head = "" }
    /^[^ ].*:[0-9]+:[0-9]+: (warning|error)/ { head = $0; next }
    { print }
    END { if (head != "") print head }'
}
# ghc runs programs a file names in an OPTIONS_GHC pragma (-F -pgmF …) and Template
# Haskell splices even with -fno-code, and would find imported modules in any file here:
# when any file could ask for either, nothing is analyzed (analysis never runs the job's
# code; compiling it may, as running it does). -i (an empty search path) and
# -package-env - keep ghc to the files named and the installed packages.
analyze() {
  if grep -rqiE 'OPTIONS|TemplateHaskell|QuasiQuotes' .; then
    echo "$1:1:1: note: not analyzed: a file may ask ghc to run code (OPTIONS_GHC, Template Haskell)"
  else
    ghc -Wall -fno-code -fno-diagnostics-show-caret -v0 -i -package-env - -outputdir /tmp/analysis \
      $(find . -name '*.hs') 2>&1 | join_findings
  fi
}
case "$1" in
  analyze) analyze "$2" ;;
  compile) ghc -O0 -v0 -dynamic -package-env - -rtsopts=none -with-rtsopts=-M"$((MEMORY_MB * 3 / 4))m" -outputdir /tmp/build/o -o /tmp/build/main $(find . -name '*.hs') ;;
  run) exec /tmp/build/main ;;
esac
