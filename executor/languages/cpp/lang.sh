#!/bin/sh
# cpp: g++ (C++17); g++'s warnings are the analysis.
case "$1" in
  analyze) g++ -std=c++17 -fsyntax-only -Wall -Wextra $(find . -name '*.cpp' -o -name '*.cc') ;;
  # These flags are the precompiled headers' (Dockerfile): change both together.
  compile) g++ -std=c++17 -O2 -pipe -o /tmp/build/main $(find . -name '*.cpp' -o -name '*.cc') ;;
  run) exec /tmp/build/main ;;
esac
