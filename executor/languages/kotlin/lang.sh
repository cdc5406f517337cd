#!/bin/sh
# kotlin: kotlinc (1.3) run straight on the JVM rather than through its wrapper script
# (which starts a preloader and turns off verification), with C1 only, the serial GC and
# the class-data archive the image built by compiling a program once (Dockerfile): the
# JVM then maps the compiler's classes instead of loading them, the bulk of a one-file
# compile. The heaps stay under the memory cap as java's do. The analysis is the compile
# itself, for its warnings, into a scratch folder.
L=/usr/share/kotlin/kotlinc/lib
ARCHIVE=/opt/codesync/kotlinc.jsa
CDS="-XX:SharedArchiveFile=$ARCHIVE -Xshare:auto"
kotlinc() {
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m $CDS -Xmx"$((MEMORY_MB / 2))m" \
    -cp "$L/kotlin-compiler.jar:$L/trove4j.jar:$L/kotlin-stdlib.jar:$L/kotlin-script-runtime.jar:$L/kotlin-reflect.jar:$L/annotations-13.0.jar" \
    org.jetbrains.kotlin.cli.jvm.K2JVMCompiler -kotlin-home /usr/share/kotlin/kotlinc -no-reflect "$@"
}
case "$1" in
  archive) CDS="-XX:ArchiveClassesAtExit=$ARCHIVE -Xlog:cds=off" && kotlinc -d "$(mktemp -d)" "$2" ;; # image build only
  analyze) kotlinc -d /tmp/analysis $(find . -name '*.kt') ;;
  compile) kotlinc -nowarn -d /tmp/build $(find . -name '*.kt') ;;
  run)
    # Main.kt's top-level functions are the class MainKt.
    name=$(basename "$2" .kt)
    main="$(printf %s "$name" | cut -c1 | tr '[:lower:]' '[:upper:]')$(printf %s "$name" | cut -c2-)Kt"
    exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmx"$((MEMORY_MB * 3 / 4))m" -cp "/tmp/build:$L/kotlin-stdlib.jar" "$main" ;;
esac
