use strict;
use warnings;

my ($x, $y) = split ' ', do { local $/; <STDIN> };
print "Hello, CodeSync!\n";
print "sum=", $x + $y, "\n";
