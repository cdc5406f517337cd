#!/bin/sh
# scala: scalac (2.11) run straight on the JVM rather than through its wrapper script,
# with C1 only, the serial GC and the class-data archive the image built by compiling a
# program once (Dockerfile): the JVM then maps the compiler's classes instead of loading
# and verifying them, the bulk of a one-file compile. The heaps stay under the memory cap
# as java's do; -Xlint and -deprecation make the analysis.
L=/usr/share/scala/lib
LIBS=$L/scala-library.jar:$L/scala-xml.jar:$L/scala-parser-combinators.jar
ARCHIVE=/opt/codesync/scalac.jsa
CDS="-XX:SharedArchiveFile=$ARCHIVE -Xshare:auto"
scalac() {
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m $CDS \
    -Xmx"$((MEMORY_MB / 2))m" -cp "$L/scala-compiler.jar:$L/scala-reflect.jar:$LIBS" scala.tools.nsc.Main -usejavacp "$@"
}
case "$1" in
  archive) CDS="-XX:ArchiveClassesAtExit=$ARCHIVE -Xlog:cds=off" && scalac -d "$(mktemp -d)" "$2" ;; # image build only
  analyze) mkdir -p /tmp/analysis && scalac -Xlint -deprecation -feature -d /tmp/analysis $(find . -name '*.scala') ;;
  compile) scalac -d /tmp/build $(find . -name '*.scala') ;;
  run)
    main=$(basename "$2" .scala)
    exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmx"$((MEMORY_MB * 3 / 4))m" -cp "/tmp/build:$LIBS" "$main" ;;
esac
