#!/usr/bin/perl
# The sandbox's first and only process (after `docker start`). It waits on stdin for a
# job, so pre-started containers cost nothing until one arrives:
#
#   line 1:  <nonce> <tarBytes> <entry> <analyze 0|1> <memoryMb> <cases> <caseOutputBytes>
#   then:    <tarBytes> bytes of a tar of the job's files
#   then:    a plain run (<cases> 0): the program's stdin, to EOF;
#            a test job: per case a line "<timeMs> <stdinBytes>" and that many bytes.
#
# It unpacks the files into /tmp/box, then either analyzes them (<analyze> 1: nothing
# else) or compiles and runs the program (languages/<id>/lang.sh), reports each phase to stderr on a line
# "<nonce>:<phase>:<values>", and exits with the program's status. A test job runs the
# program once per case instead (see run_case).
#
# The program's stdout and stderr are pipes this process reads, and both are relayed
# onto its own stdout in frames (Docker's framing: byte 0 the stream, 1 or 2, bytes 4-7
# the length, big-endian, then the bytes; stream 3 is this runner's own, a test case's end). Docker copies a container's two pipes
# independently, so a traceback written after a long printout could reach the host
# first; one stream keeps the order the program wrote in. The program never holds the
# container's stdout or stderr, so it can neither forge a frame nor a marker.
#
# Two uids keep the program away from this process (docs/SANDBOX.md, "Two uids"): the
# container starts it as root with only the capabilities SETUID, SETGID, KILL and SETPCAP;
# it drops itself to the runner uid at once (keeping root as its saved uid, so that it
# may still start programs and kill them), and every step that handles user code (tar,
# the toolchain, the program) runs under the program uid with no capability left, not
# even in its bounding set. A process of another uid may not read this one's memory,
# environment or fds (/proc/1/...), nor signal it: no protection rests on dumpability,
# which some kernels (gVisor's) do not enforce. Perl (Essential in Debian, so in every
# image) can make the system calls this takes. This process is also made non-dumpable,
# and being PID 1 it cannot be killed from inside either. The host does not rely on it
# alone (sandbox/run.ts). The host never reads a path user code could have written.
use strict;
use warnings;
use Fcntl qw(F_SETFL O_NONBLOCK);
use POSIX ();

my ($RUNNER_UID, $PROGRAM_UID) = (10002, 10001);
my $machine = (POSIX::uname())[4];
sub syscall_number {
  my ($name, %numbers) = @_;
  return $numbers{$machine} // die "runner: no $name syscall number for $machine\n";
}
my $prctl = syscall_number('prctl', x86_64 => 157, aarch64 => 167);
my $setresuid = syscall_number('setresuid', x86_64 => 117, aarch64 => 147);
my $setresgid = syscall_number('setresgid', x86_64 => 119, aarch64 => 149);
my ($PR_SET_DUMPABLE, $PR_CAPBSET_DROP) = (4, 24);
syscall($prctl, $PR_SET_DUMPABLE, 0) == 0 or die "runner: prctl(PR_SET_DUMPABLE, 0) failed: $!\n";

# From root to the runner uid; the saved uid stays root (see the top).
$< == 0 or die "runner: must start as root (sandbox/container.ts), not uid $<\n";
$) = "$RUNNER_UID $RUNNER_UID";
syscall($setresgid, $RUNNER_UID, $RUNNER_UID, $RUNNER_UID) == 0 or die "runner: setresgid failed: $!\n";
syscall($setresuid, $RUNNER_UID, $RUNNER_UID, 0) == 0 or die "runner: setresuid failed: $!\n";

# Acts as `uid` (effective uid only): the program uid to make what the program will own,
# root (its capabilities) to kill the program's processes, then back to the runner uid.
sub act_as {
  my ($uid) = @_;
  $> = 0;
  $> = $uid;
  $> == $uid or die "runner: cannot act as uid $uid: $!\n";
}

# In a child about to exec user code: the program uid for good, with no capability at all
# (its bounding set emptied too, so nothing it execs can regain one).
sub become_program {
  act_as(0);
  for (my $cap = 0; syscall($prctl, $PR_CAPBSET_DROP, $cap, 0, 0, 0) == 0; $cap++) { }
  $! == POSIX::EINVAL() or die "runner: dropping the bounding set failed: $!\n";
  $) = "$PROGRAM_UID $PROGRAM_UID";
  POSIX::setgid($PROGRAM_UID) && POSIX::setuid($PROGRAM_UID) or die "runner: becoming uid $PROGRAM_UID failed: $!\n";
  $< == $PROGRAM_UID && $> == $PROGRAM_UID or die "runner: still uid $< $>\n";
}

# A pipe for the program's stdin, stdout or stderr, owned by the program uid: a pipe is
# mode 0600, and a program of another uid could not reopen its own /dev/stdin
# (/proc/self/fd/0), a common idiom; gVisor refuses to chmod a pipe, so it is made so.
sub program_pipe {
  act_as($PROGRAM_UID);
  pipe(my $read, my $write) or die "runner: pipe failed: $!\n";
  act_as($RUNNER_UID);
  return ($read, $write);
}

# wait4 gives each step's own peak memory (its rusage), so the run's figure never
# includes the compiler's, whatever the container's cgroup saw.
my $wait4 = syscall_number('wait4', x86_64 => 61, aarch64 => 260);
# A test case's wall time (Time::HiRes is not in perl-base).
my $clock_gettime = syscall_number('clock_gettime', x86_64 => 228, aarch64 => 113);
my $CLOCK_MONOTONIC = 1;

# A line of stdin, a byte at a time: the rest of stdin belongs to tar and then the program.
sub read_line {
  my $line = '';
  for (;;) {
    my $got = sysread(STDIN, my $byte, 1);
    exit 90 unless $got;
    return $line if $byte eq "\n";
    $line .= $byte;
    exit 90 if length($line) > 1024;
  }
}
my ($nonce, $size, $entry, $analyze, $memory_mb, $cases, $case_cap) = split / /, read_line();
exit 91 unless defined $case_cap && "$size $memory_mb $cases $case_cap" =~ /^\d+ \d+ \d+ \d+$/;

# The job's folders and files belong to the program uid: its toolchain writes there.
act_as($PROGRAM_UID);
mkdir $_ for '/tmp/box', '/tmp/build';
act_as($RUNNER_UID);
chdir '/tmp/box' or exit 92;
my $tar_pid = open(my $tar, '|-') // exit 93;
if ($tar_pid == 0) {
  eval { become_program(); 1 } or do { syswrite(STDERR, $@); POSIX::_exit(125) };
  exec('tar', '-x', '-f', '-', '--no-same-owner', '--no-same-permissions', '-m') or POSIX::_exit(127);
}
for (my $left = $size; $left > 0;) {
  my $got = sysread(STDIN, my $chunk, $left < 65536 ? $left : 65536);
  exit 93 unless $got;
  print {$tar} $chunk or exit 93;
  $left -= $got;
}
close($tar) or exit 93;
$ENV{MEMORY_MB} = $memory_mb;

sub marker { syswrite(STDERR, "\n$nonce:" . join(':', @_) . "\n") }

my $WNOHANG = 1;
# How often the relay looks whether the program ended while something it started still
# holds its pipes open (a background process must not keep the run alive).
my $EXIT_POLL_SECONDS = 0.05;
# Reads taken after the program ended, so a writer left behind cannot stall the runner.
my $MAX_DRAIN_READS = 64;

# wait4(pid) into ($raw, $rusage); with WNOHANG returns 0 while the step still runs.
sub reap {
  my ($pid, $raw, $rusage, $options) = @_;
  for (;;) {
    my $got = syscall($wait4, $pid, $$raw, $options, $$rusage);
    return $got if $got >= 0;
    die "runner: wait4 failed: $!\n" unless $! == POSIX::EINTR();
  }
}

sub frame {
  my ($stream, $bytes) = @_;
  my $frame = pack('C x3 N', $stream, length $bytes) . $bytes;
  for (my $at = 0; $at < length $frame;) {
    my $wrote = syswrite(STDOUT, $frame, length($frame) - $at, $at);
    die "runner: writing output failed: $!\n" unless defined $wrote;
    $at += $wrote;
  }
}

# Relays the program's pipes, in the order they became readable (stdout first when both
# are), until the program has ended and its pipes are drained or closed.
sub relay {
  my ($pid, $raw, $rusage, %pipes) = @_;    # stream number => read end
  my $ended = 0;
  my $drains = 0;
  while (%pipes) {
    my $wanted = '';
    vec($wanted, fileno($pipes{$_}), 1) = 1 for keys %pipes;
    my $ready = select(my $readable = $wanted, undef, undef, $ended ? 0 : $EXIT_POLL_SECONDS);
    last if $ended && $ready <= 0;
    for my $stream (sort keys %pipes) {
      my $fh = $pipes{$stream};
      next unless $ready > 0 && vec($readable, fileno($fh), 1);
      my $got = sysread($fh, my $bytes, 65536);
      if ($got) { frame($stream, $bytes) }
      elsif (defined $got || $! != POSIX::EINTR()) { close($fh); delete $pipes{$stream} }
    }
    last if $ended && ++$drains >= $MAX_DRAIN_READS;
    $ended ||= reap($pid, $raw, $rusage, $WNOHANG) == $pid;
  }
  reap($pid, $raw, $rusage, 0) unless $ended;
}

# The end of a forked child: `lang.sh <step> <entry>` as the program.
sub exec_as_program {
  my ($step) = @_;
  eval { become_program(); 1 } or do { syswrite(STDERR, $@); POSIX::_exit(125) };
  exec('/opt/codesync/lang.sh', $step, $entry) or POSIX::_exit(127);
}

# Feeds this process's stdin (the rest of the job's: the program's input, to EOF) into the
# program's own stdin pipe, from a child of the runner uid: the container's stdin belongs
# to root, so the program could not reopen it as /dev/stdin. Returns the child's pid.
sub pump_stdin {
  my ($in, $in_w) = @_;
  my $pid = fork() // die "runner: fork failed: $!\n";
  return $pid if $pid;
  close($in);                # so that the program closing its stdin ends the pump (SIGPIPE)
  $SIG{PIPE} = 'DEFAULT';
  while (sysread(STDIN, my $chunk, 65536)) {
    for (my $at = 0; $at < length $chunk;) {
      my $wrote = syswrite($in_w, $chunk, length($chunk) - $at, $at) // POSIX::_exit(0);
      $at += $wrote;
    }
  }
  POSIX::_exit(0);
}

# Runs `lang.sh <step> <entry>` under the program uid; returns its status the way sh
# reports one (128+n for signal n) and the peak resident memory of the step and what it
# waited for, in KiB. Toolchain steps read nothing and write to stderr; the program gets
# the rest of stdin, and its output is relayed (see the top).
sub step {
  my ($name, $toolchain) = @_;
  my ($in, $in_w, $out, $out_w, $err, $err_w, $pump);
  unless ($toolchain) {
    ($in, $in_w) = program_pipe();
    $pump = pump_stdin($in, $in_w);    # before the output pipes: it holds none of them
    close($in_w);
    ($out, $out_w) = program_pipe();
    ($err, $err_w) = program_pipe();
  }
  my $pid = fork() // die "runner: fork failed: $!\n";
  if ($pid == 0) {
    if ($toolchain) {
      open(STDIN, '<', '/dev/null') or POSIX::_exit(126);
      open(STDOUT, '>&', \*STDERR) or POSIX::_exit(126);
    } else {
      open(STDIN, '<&', $in) && open(STDOUT, '>&', $out_w) && open(STDERR, '>&', $err_w) or POSIX::_exit(126);
    }
    exec_as_program($name);
  }
  my $raw = pack('i', 0);
  my $rusage = "\0" x 256;
  if ($toolchain) {
    reap($pid, \$raw, \$rusage, 0);
  } else {
    close($_) for $in, $out_w, $err_w;
    relay($pid, \$raw, \$rusage, 1 => $out, 2 => $err);
    kill 'KILL', $pump;
    waitpid($pump, 0);
  }
  my $wait = unpack('i', $raw);
  # struct rusage: ru_utime and ru_stime (two 16-byte timevals), then ru_maxrss in KiB.
  my $maxrss = unpack('x32 q', $rusage);
  return (($wait & 127) ? 128 + ($wait & 127) : $wait >> 8, $maxrss);
}

sub now_ms {
  my $timespec = "\0" x 16;
  syscall($clock_gettime, $CLOCK_MONOTONIC, $timespec) == 0 or die "runner: clock_gettime failed: $!\n";
  my ($seconds, $nanoseconds) = unpack('q q', $timespec);
  return $seconds * 1000 + $nanoseconds / 1e6;
}

sub slurp {
  my ($path) = @_;
  open(my $fh, '<', $path) or return undef;
  local $/;
  my $text = <$fh>;
  return $text;
}

# Peak memory and OOM kills of this container's cgroup (v2, else v1).
sub cgroup_memory {
  if (defined(my $v2 = slurp('/sys/fs/cgroup/memory.peak'))) {
    my $oom = (slurp('/sys/fs/cgroup/memory.events') // '') =~ /^oom_kill (\d+)/m ? $1 : 0;
    return ($v2 =~ s/\s+$//r, $oom);
  }
  if (defined(my $v1 = slurp('/sys/fs/cgroup/memory/memory.max_usage_in_bytes'))) {
    my $oom = (slurp('/sys/fs/cgroup/memory/memory.oom_control') // '') =~ /^oom_kill (\d+)/m ? $1 : 0;
    return ($v1 =~ s/\s+$//r, $oom);
  }
  return ('', 0);
}

# ---- test jobs -----------------------------------------------------------------------
#
# A test job runs the program once per case, in this one sandbox. Each case gets a fresh
# stdin pipe fed from here as the case starts (later cases' input stays unread in this
# process's stdin, which no program can reach: it runs under another uid),
# its own wall-clock limit and output cap, and when it ends every other process in the
# container is killed, so nothing a case left behind writes into the next one. Its end
# is a frame on stream 3 of the relayed output, after all of its output: the host knows
# which output is whose without trusting anything the program can write.

sub read_exactly {
  my ($bytes) = @_;
  my $data = '';
  while (length $data < $bytes) {
    my $got = sysread(STDIN, $data, $bytes - length $data, length $data);
    exit 94 unless $got;
  }
  return $data;
}

sub run_case {
  my ($index) = @_;
  my ($time_ms, $bytes) = split / /, read_line();
  exit 94 unless defined $bytes && "$time_ms $bytes" =~ /^\d+ \d+$/;
  my $input = read_exactly($bytes);
  my (undef, $oom_before) = cgroup_memory();
  my ($in, $in_w) = program_pipe();
  my ($out, $out_w) = program_pipe();
  my ($err, $err_w) = program_pipe();
  my $started = now_ms();
  my $pid = fork() // die "runner: fork failed: $!\n";
  if ($pid == 0) {
    $SIG{PIPE} = 'DEFAULT';    # the program's own, as in a plain run
    open(STDIN, '<&', $in) && open(STDOUT, '>&', $out_w) && open(STDERR, '>&', $err_w) or POSIX::_exit(126);
    exec_as_program('run');
  }
  close($_) for $in, $out_w, $err_w;
  fcntl($in_w, F_SETFL, O_NONBLOCK) or die "runner: fcntl failed: $!\n";
  my %pipes = (1 => $out, 2 => $err);
  my ($raw, $rusage) = (pack('i', 0), "\0" x 256);
  my ($fed, $relayed, $why, $ended, $ended_at) = (0, 0, '-', 0, undef);

  my $relay_ready = sub {
    my ($readable) = @_;
    for my $stream (sort keys %pipes) {
      my $fh = $pipes{$stream};
      next unless !defined $readable || vec($readable, fileno($fh), 1);
      my $got = sysread($fh, my $data, 65536);
      if ($got) {
        next if $why eq 'output';    # past the cap: the host already has more than it keeps
        $relayed += $got;
        frame($stream, $data);
        $why = 'output' if $relayed > $case_cap;
      } elsif (defined $got || $! != POSIX::EINTR()) {
        close($fh);
        delete $pipes{$stream};
      }
    }
  };

  # The case runs: feed its stdin, relay its output, until it ends or breaks a limit.
  while ($why eq '-') {
    if ($in_w && $fed >= length $input) { close($in_w); undef $in_w }
    my ($wanted_r, $wanted_w) = ('', '');
    vec($wanted_r, fileno($pipes{$_}), 1) = 1 for keys %pipes;
    vec($wanted_w, fileno($in_w), 1) = 1 if $in_w;
    my $left = ($started + $time_ms - now_ms()) / 1000;
    if ($left <= 0) { $why = 'time'; last }
    my $ready = select(my $readable = $wanted_r, my $writable = $wanted_w, undef,
      $left < $EXIT_POLL_SECONDS ? $left : $EXIT_POLL_SECONDS);
    if ($ready > 0) {
      $relay_ready->($readable);
      if ($in_w && vec($writable, fileno($in_w), 1)) {
        my $wrote = syswrite($in_w, $input, 65536, $fed);
        if (defined $wrote) { $fed += $wrote }
        elsif ($! != POSIX::EAGAIN() && $! != POSIX::EINTR()) { close($in_w); undef $in_w }    # it closed its stdin
      }
    }
    if (reap($pid, \$raw, \$rusage, $WNOHANG) == $pid) { ($ended, $ended_at) = (1, now_ms()); last }
  }
  $ended_at //= now_ms();
  close($in_w) if $in_w;
  # Every process of the container but this one (kill -1 spares the caller) is killed
  # and reaped: what the case started, in the background or in a new session, is gone.
  # Then what they wrote before is drained: every writer is gone, so the pipes end.
  act_as(0);    # CAP_KILL: they run under the program uid
  kill 'KILL', -1;
  act_as($RUNNER_UID);
  reap($pid, \$raw, \$rusage, 0) unless $ended;
  1 while waitpid(-1, 0) > 0;
  $relay_ready->(undef) while %pipes;
  my (undef, $oom_after) = cgroup_memory();
  my $wait = unpack('i', $raw);
  my $status = ($wait & 127) ? 128 + ($wait & 127) : $wait >> 8;
  my $maxrss = unpack('x32 q', $rusage);
  my $elapsed = int($ended_at - $started + 0.5);
  frame(3, join(' ', 'end', $index, $status, $maxrss, $elapsed, $why, $oom_after - $oom_before));
}

# An analysis job (jobs/analysis.ts) only analyzes: the executor runs it in a sandbox of
# its own once the run has its verdict, so the analyzer (tsc's type check, javac -Xlint,
# go vet …) never delays a run's output, and never sees the program's files change.
if ($analyze eq '1') {
  marker('analysis-start');
  step('analyze', 1);
  marker('analysis-end');
  exit 0;
}
my ($compiled, $compile_kb) = step('compile', 1);
marker('compiled', $compiled, $compile_kb);
exit 0 if $compiled != 0;

if ($cases > 0) {
  $SIG{PIPE} = 'IGNORE';    # a program that closes its stdin early is not an error here
  $SIG{CHLD} = sub { };     # its end interrupts the relay's wait instead of a poll tick
  run_case($_) for 0 .. $cases - 1;
  marker('exited', 0, cgroup_memory(), '');
  exit 0;
}

my ($status, $run_kb) = step('run', 0);
marker('exited', $status, cgroup_memory(), $run_kb);
exit $status;
