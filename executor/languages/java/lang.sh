#!/bin/sh
# java: javac then java; the heap stays under the container's memory cap. -proc:none:
# javac would otherwise look for annotation processors (code it runs) on the class path.
JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
case "$1" in
  analyze) javac -J-XX:+UseSerialGC -proc:none -Xlint:all -d /tmp/analysis $(find . -name '*.java') ;;
  compile) javac -J-XX:+UseSerialGC -proc:none -J-Xmx"$((MEMORY_MB / 2))m" -d /tmp/build $(find . -name '*.java') ;;
  run)
    class=$(basename "$2" .java)
    exec java $JAVA_OPTS -Xmx"$((MEMORY_MB * 3 / 4))m" -cp /tmp/build "$class" ;;
esac
