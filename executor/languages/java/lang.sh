#!/bin/sh
# java: javac then java; the heap stays under the container's memory cap. -proc:none:
# javac would otherwise look for annotation processors (code it runs) on the class path.
# Both JVMs map the image's class-data-sharing archives (java/Dockerfile) and stop at the
# quick C1 compiler: a short program is mostly JVM start-up.
JVM="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
JAVAC="javac -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -J-Xshare:auto -J-XX:SharedArchiveFile=/opt/codesync/javac.jsa -proc:none"
case "$1" in
  analyze) $JAVAC -Xlint:all -d /tmp/analysis $(find . -name '*.java') ;;
  compile) $JAVAC -J-Xmx"$((MEMORY_MB / 2))m" -d /tmp/build $(find . -name '*.java') ;;
  run)
    class=$(basename "$2" .java)
    exec java $JVM -XX:SharedArchiveFile=/opt/codesync/java.jsa -Xmx"$((MEMORY_MB * 3 / 4))m" -cp /tmp/build "$class" ;;
esac
