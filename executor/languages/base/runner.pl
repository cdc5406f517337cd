#!/usr/bin/perl
# The sandbox's first and only process (after `docker start`). It waits on stdin for a
# job, so pre-started containers cost nothing until one arrives:
#
#   line 1:  <nonce> <tarBytes> <entry> <analyze 0|1> <memoryMb>
#   then:    <tarBytes> bytes of a tar of the job's files
#   then:    the program's stdin, to EOF
#
# It unpacks the files into /tmp/box, optionally analyzes, compiles, runs the program
# (languages/<id>/lang.sh), reports each phase to stderr on a line
# "<nonce>:<phase>:<values>", and exits with the program's status.
#
# The program's stdout and stderr are pipes this process reads, and both are relayed
# onto its own stdout in frames (Docker's framing: byte 0 the stream, 1 or 2, bytes 4-7
# the length, big-endian, then the bytes). Docker copies a container's two pipes
# independently, so a traceback written after a long printout could reach the host
# first; one stream keeps the order the program wrote in. The program never holds the
# container's stdout or stderr, so it can neither forge a frame nor a marker.
#
# Why Perl and not sh: the program runs as the same uid, and this kernel lets a
# process read the memory of any process with its uid (/proc/<pid>/mem), which is
# where the nonce lives. Perl (Essential in Debian, so in every image) can make this
# process non-dumpable first: then no process without CAP_SYS_PTRACE may read or trace
# it, and being PID 1 it cannot be killed from inside either. The host does not rely
# on it alone (sandbox/run.ts). The host never reads a path user code could have written.
use strict;
use warnings;
use POSIX ();

my %PRCTL_SYSCALL = (x86_64 => 157, aarch64 => 167);
my $PR_SET_DUMPABLE = 4;
my $machine = (POSIX::uname())[4];
my $prctl = $PRCTL_SYSCALL{$machine} or die "runner: no prctl syscall number for $machine\n";
syscall($prctl, $PR_SET_DUMPABLE, 0) == 0 or die "runner: prctl(PR_SET_DUMPABLE, 0) failed: $!\n";
# wait4 gives each step's own peak memory (its rusage), so the run's figure never
# includes the compiler's, whatever the container's cgroup saw.
my %WAIT4_SYSCALL = (x86_64 => 61, aarch64 => 260);
my $wait4 = $WAIT4_SYSCALL{$machine} or die "runner: no wait4 syscall number for $machine\n";

# The header, a byte at a time: the rest of stdin belongs to tar and then the program.
my $header = '';
for (;;) {
  my $got = sysread(STDIN, my $byte, 1);
  exit 90 unless $got;
  last if $byte eq "\n";
  $header .= $byte;
  exit 90 if length($header) > 1024;
}
my ($nonce, $size, $entry, $analyze, $memory_mb) = split / /, $header;
exit 91 unless defined $memory_mb && $size =~ /^\d+$/ && $memory_mb =~ /^\d+$/;

mkdir $_ for '/tmp/box', '/tmp/build';
chdir '/tmp/box' or exit 92;
open(my $tar, '|-', 'tar', '-x', '-f', '-', '--no-same-owner', '--no-same-permissions', '-m') or exit 93;
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

# Runs `lang.sh <step> <entry>`; returns its status the way sh reports one (128+n for
# signal n) and the peak resident memory of the step and what it waited for, in KiB.
# Toolchain steps read nothing and write to stderr; the program gets the rest of stdin,
# and its output is relayed (see the top).
sub step {
  my ($name, $toolchain) = @_;
  my ($out, $err, $out_w, $err_w);
  unless ($toolchain) {
    pipe($out, $out_w) && pipe($err, $err_w) or die "runner: pipe failed: $!\n";
  }
  my $pid = fork() // die "runner: fork failed: $!\n";
  if ($pid == 0) {
    if ($toolchain) {
      open(STDIN, '<', '/dev/null') or POSIX::_exit(126);
      open(STDOUT, '>&', \*STDERR) or POSIX::_exit(126);
    } else {
      open(STDOUT, '>&', $out_w) or POSIX::_exit(126);
      open(STDERR, '>&', $err_w) or POSIX::_exit(126);
    }
    exec('/opt/codesync/lang.sh', $name, $entry) or POSIX::_exit(127);
  }
  my $raw = pack('i', 0);
  my $rusage = "\0" x 256;
  if ($toolchain) {
    reap($pid, \$raw, \$rusage, 0);
  } else {
    close($out_w);
    close($err_w);
    relay($pid, \$raw, \$rusage, 1 => $out, 2 => $err);
  }
  my $wait = unpack('i', $raw);
  # struct rusage: ru_utime and ru_stime (two 16-byte timevals), then ru_maxrss in KiB.
  my $maxrss = unpack('x32 q', $rusage);
  return (($wait & 127) ? 128 + ($wait & 127) : $wait >> 8, $maxrss);
}

sub slurp {
  my ($path) = @_;
  open(my $fh, '<', $path) or return undef;
  local $/;
  my $text = <$fh>;
  return $text;
}

if ($analyze eq '1') {
  marker('analysis-start');
  step('analyze', 1);
  marker('analysis-end');
}
my ($compiled, $compile_kb) = step('compile', 1);
marker('compiled', $compiled, $compile_kb);
exit 0 if $compiled != 0;

my ($status, $run_kb) = step('run', 0);

# Peak memory and OOM kills of this container's cgroup (v2, else v1).
my ($peak, $oom) = ('', 0);
if (defined(my $v2 = slurp('/sys/fs/cgroup/memory.peak'))) {
  $peak = $v2 =~ s/\s+$//r;
  $oom = $1 if (slurp('/sys/fs/cgroup/memory.events') // '') =~ /^oom_kill (\d+)/m;
} elsif (defined(my $v1 = slurp('/sys/fs/cgroup/memory/memory.max_usage_in_bytes'))) {
  $peak = $v1 =~ s/\s+$//r;
  $oom = $1 if (slurp('/sys/fs/cgroup/memory/memory.oom_control') // '') =~ /^oom_kill (\d+)/m;
}
marker('exited', $status, $peak, $oom, $run_kb);
exit $status;
