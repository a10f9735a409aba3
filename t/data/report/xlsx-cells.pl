#!/usr/bin/perl
# xlsx-cells.pl - read an XLSX workbook for the crm-report tests, with
# perl's core IO::Uncompress::Unzip and the regular XML libxlsxwriter
# writes (no XML module is core).
#
#   xlsx-cells.pl FILE              the sheet names, one a line
#   xlsx-cells.pl FILE SHEET        the sheet as TSV: a line per row from 1
#                                   to the last (empty lines for empty
#                                   rows), strings as they are, numbers as
#                                   %.15g
#   xlsx-cells.pl -t FILE SHEET     the same, each cell prefixed by its
#                                   type: s: string, n: number, f: formula
#   xlsx-cells.pl -p FILE MEMBER    the raw text of a zip member
use strict;
use warnings;
use IO::Uncompress::Unzip qw(unzip $UnzipError);

my $types = 0;
my $part = 0;
if (@ARGV && $ARGV[0] eq '-t') { $types = 1; shift; }
elsif (@ARGV && $ARGV[0] eq '-p') { $part = 1; shift; }
my ($file, $sheet) = @ARGV;
die "usage: xlsx-cells.pl [-t | -p] FILE [SHEET | MEMBER]\n" unless defined $file;

sub member {
	my ($name) = @_;
	my $out;
	unzip($file => \$out, Name => $name)
	    or die "xlsx-cells: $file: $name: $UnzipError\n";
	return $out;
}

sub unxml {
	my ($s) = @_;
	$s =~ s/&lt;/</g;
	$s =~ s/&gt;/>/g;
	$s =~ s/&quot;/"/g;
	$s =~ s/&apos;/'/g;
	$s =~ s/&#(\d+);/chr($1)/ge;
	$s =~ s/&amp;/&/g;
	return $s;
}

binmode STDOUT;
if ($part) {
	print member($sheet);
	exit 0;
}
my $wb = member('xl/workbook.xml');
my $rels = member('xl/_rels/workbook.xml.rels');
my (%target, @names, %file);
while ($rels =~ /<Relationship Id="(rId\d+)" Type="[^"]*" Target="([^"]*)"/g) {
	$target{$1} = $2;
}
while ($wb =~ /<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"/g) {
	push @names, unxml($1);
	$file{unxml($1)} = "xl/$target{$2}";
}
if (!defined $sheet) {
	print "$_\n" for @names;
	exit 0;
}
die "xlsx-cells: $file: no sheet '$sheet'\n" unless $file{$sheet};

my @shared;
my $ss = member('xl/sharedStrings.xml');
while ($ss =~ /<si>(.*?)<\/si>/sg) {
	my $si = $1;
	my $t = '';
	$t .= $1 while $si =~ /<t(?: [^>]*)?>(.*?)<\/t>/sg;
	push @shared, unxml($t);
}

my $xml = member($file{$sheet});
my (%cell, $maxrow);
$maxrow = 0;
while ($xml =~ /<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/sg) {
	my ($col, $row, $attr, $body) = ($1, $2, $3, $4 // '');
	my $c = 0;
	$c = $c * 26 + ord($_) - 64 for split //, $col;
	my ($type, $v) = ('n', '');
	if ($body =~ /<f>/) {
		$type = 'f';
	}
	if ($body =~ /<v>(.*?)<\/v>/s) {
		$v = $1;
	}
	if ($attr =~ /t="s"/) {
		$type = 's' unless $type eq 'f';
		$v = $shared[$v];
	} elsif ($v ne '') {
		$v = sprintf('%.15g', $v);
	}
	next if $v eq '' && $type ne 'f';
	$cell{$row}{$c} = $types ? "$type:$v" : $v;
	$maxrow = $row if $row > $maxrow;
}
for my $r (1 .. $maxrow) {
	my @cols = sort { $a <=> $b } keys %{ $cell{$r} || {} };
	my @line;
	for my $c (1 .. ($cols[-1] // 0)) {
		push @line, $cell{$r}{$c} // '';
	}
	print join("\t", @line), "\n";
}
