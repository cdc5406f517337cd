#!/bin/sh
# csharp: Mono's mcs, then mono. sed turns mcs's "x.cs(3,13): error CS0029: …" into the
# gnu format ("x.cs:3:13: error: CS0029: …"). The GC heap stays under the memory cap.
to_gnu() { sed -E 's/^(.+)\(([0-9]+),([0-9]+)\): (error|warning) (CS[0-9]+): /\1:\2:\3: \4: \5: /'; }
case "$1" in
  analyze) mcs -warn:4 -nologo -target:library -out:/tmp/analysis.dll $(find . -name '*.cs') 2>&1 | to_gnu ;;
  compile) mcs -nologo -optimize+ -out:/tmp/build/main.exe $(find . -name '*.cs') ;;
  run) MONO_GC_PARAMS=max-heap-size="$((MEMORY_MB * 3 / 4))m" exec mono /tmp/build/main.exe ;;
esac
