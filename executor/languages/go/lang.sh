#!/bin/sh
# go: go build of the folder's files; go vet is the analysis. The image's prebuilt
# standard library cache (go/Dockerfile) is copied into the sandbox's own GOCACHE
# first: go must be able to write its cache, and the image's copy is read-only.
warm() { [ -d "$GOCACHE" ] || cp -r /opt/codesync/gocache "$GOCACHE"; }
case "$1" in
  analyze) warm && go vet $(find . -maxdepth 1 -name '*.go') ;;
  compile) warm && go build -o /tmp/build/main $(find . -maxdepth 1 -name '*.go') ;;
  run) exec /tmp/build/main ;;
esac
