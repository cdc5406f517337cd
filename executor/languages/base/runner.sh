#!/bin/sh
# The sandbox's first and only process (after `docker start`). It waits on stdin for a
# job, so pre-started containers cost nothing until one arrives:
#
#   line 1:  <nonce> <tarBytes> <entry> <analyze 0|1> <memoryMb>
#   then:    <tarBytes> bytes of a tar of the job's files
#   then:    the program's stdin, to EOF
#
# It unpacks the files into /tmp/box, optionally analyzes, compiles, runs the program,
# and reports each phase to stderr on a line "<nonce>:<phase>:<values>", then exits
# with the program's status. Until the program starts, only this script and the
# toolchain run, so the host trusts those lines; the program runs as the same uid and
# can read the nonce out of this script's memory, so the host trusts nothing printed
# after "compiled": its timers and Docker's exit status decide (sandbox/run.ts).
# The host never reads a path user code could have written.
set -u
IFS=' ' read -r nonce size entry analyze memory_mb || exit 90
case "$size" in '' | *[!0-9]*) exit 91 ;; esac
mkdir -p /tmp/box /tmp/build || exit 92
cd /tmp/box || exit 92
head -c "$size" | tar -x -f - --no-same-owner --no-same-permissions -m || exit 93
export MEMORY_MB="$memory_mb"

if [ "$analyze" = 1 ]; then
  printf '\n%s:analysis-start\n' "$nonce" >&2
  /opt/codesync/lang.sh analyze "$entry" </dev/null >&2 2>&1
  printf '\n%s:analysis-end\n' "$nonce" >&2
fi

/opt/codesync/lang.sh compile "$entry" </dev/null >&2
status=$?
printf '\n%s:compiled:%s\n' "$nonce" "$status" >&2
[ "$status" -eq 0 ] || exit 0

/opt/codesync/lang.sh run "$entry"
status=$?

# Peak memory and OOM kills of this container's cgroup (v2, else v1).
peak=
oom=0
if [ -r /sys/fs/cgroup/memory.peak ]; then
  peak=$(cat /sys/fs/cgroup/memory.peak)
  oom=$(sed -n 's/^oom_kill //p' /sys/fs/cgroup/memory.events)
elif [ -r /sys/fs/cgroup/memory/memory.max_usage_in_bytes ]; then
  peak=$(cat /sys/fs/cgroup/memory/memory.max_usage_in_bytes)
  oom=$(sed -n 's/^oom_kill //p' /sys/fs/cgroup/memory/memory.oom_control)
fi
printf '\n%s:exited:%s:%s:%s\n' "$nonce" "$status" "${peak:-}" "${oom:-0}" >&2
exit "$status"
