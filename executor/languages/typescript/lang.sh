#!/bin/sh
# typescript: esbuild strips the types (a syntax error is a compile error), node runs
# the output; tsc type-checks in the analysis, so a type error is a diagnostic, not a
# compile error. Node's own types (Debian ships them beside tsc) so `fs`, `require` and
# `process` check; --lib es2020 leaves out the DOM's types (Node's declare console and
# the timers), a sixth of tsc's time.
TSC_FLAGS="--target es2020 --lib es2020 --module commonjs --strict --skipLibCheck --pretty false --typeRoots /usr/share/nodejs/@types --types node"
case "$1" in
  analyze) tsc --noEmit $TSC_FLAGS $(find . -name '*.ts') ;;
  compile) esbuild --log-level=error --format=cjs --platform=node --target=node18 --outbase=. --outdir=/tmp/build $(find . -name '*.ts') ;;
  run) exec node --max-old-space-size="$((MEMORY_MB * 3 / 4))" "/tmp/build/${2%.ts}.js" ;;
esac
