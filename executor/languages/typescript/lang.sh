#!/bin/sh
# typescript: tsc (type errors are compile errors), then node on the output.
# Node's own types (Debian ships them beside tsc) so `fs`, `require` and `process` compile.
TSC_FLAGS="--target es2020 --module commonjs --strict --skipLibCheck --pretty false --typeRoots /usr/share/nodejs/@types --types node"
case "$1" in
  analyze) tsc --noEmit $TSC_FLAGS $(find . -name '*.ts') ;;
  compile) tsc --noEmitOnError --outDir /tmp/build --rootDir . $TSC_FLAGS $(find . -name '*.ts') ;;
  run) exec node --max-old-space-size="$((MEMORY_MB * 3 / 4))" "/tmp/build/${2%.ts}.js" ;;
esac
