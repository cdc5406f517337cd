#!/bin/sh
# go: go build of the folder's files; go vet is the analysis.
case "$1" in
  analyze) go vet $(find . -maxdepth 1 -name '*.go') ;;
  compile) go build -o /tmp/build/main $(find . -maxdepth 1 -name '*.go') ;;
  run) exec /tmp/build/main ;;
esac
