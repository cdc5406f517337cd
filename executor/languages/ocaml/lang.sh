#!/bin/sh
# ocaml: ocamlopt (native code), the folder's top-level .ml/.mli files in dependency
# order (ocamldep -sort), built in a copy so the job's folder stays as it was written.
# The analysis is ocamlc with every warning but the noisy ones; awk turns OCaml's
# 'File "x.ml", line 3, characters 8-9:' plus the next line into the gnu format
# ("x.ml:3:9: warning: …"; OCaml counts characters from 0).
copy() { rm -rf "$1" && mkdir -p "$1" && cp $(find . -maxdepth 1 -name '*.ml' -o -maxdepth 1 -name '*.mli') "$1" && cd "$1"; }
to_gnu() {
  awk '
    /^File "[^"]+", line [0-9]+, characters [0-9]+-[0-9]+:/ {
      split($0, q, "\""); match($0, /line [0-9]+/); line = substr($0, RSTART + 5, RLENGTH - 5)
      match($0, /characters [0-9]+/); col = substr($0, RSTART + 11, RLENGTH - 11) + 1
      head = q[2] ":" line ":" col ": "; next
    }
    head != "" && /^(Error|Warning|Alert)/ {
      word = /^Error/ ? "error" : "warning"; sub(/^[^:]*: */, ""); print head word ": " $0; head = ""; next
    }
    { print }'
}
case "$1" in
  analyze) copy /tmp/analysis && ocamlc -c -w +A-4-9-40-41-42-44-45-70 -error-style short $(ocamldep -sort *.ml*) 2>&1 | to_gnu ;;
  compile) copy /tmp/build/src && ocamlopt -error-style short -o /tmp/build/main str.cmxa unix.cmxa $(ocamldep -sort *.ml*) ;;
  run) exec /tmp/build/main ;;
esac
