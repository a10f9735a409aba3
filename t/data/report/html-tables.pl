#!/usr/bin/perl
# html-tables.pl - the tables of one section of crm-report's HTML as TSV,
# for the tests: a line per row (the header row first), text as shown
# (tags stripped, entities decoded), an empty line after each table.
#
#   html-tables.pl FILE SECTION_ID
use strict;
use warnings;

my ($file, $id) = @ARGV;
die "usage: html-tables.pl FILE SECTION_ID\n" unless defined $id;
open my $fh, '<', $file or die "html-tables: $file: $!\n";
my $html = do { local $/; <$fh> };
$html =~ /<section id="\Q$id\E">(.*?)<\/section>/s
    or die "html-tables: $file: no section '$id'\n";
my $sec = $1;
while ($sec =~ /<table>(.*?)<\/table>/sg) {
	my $t = $1;
	while ($t =~ /<tr[^>]*>(.*?)<\/tr>/sg) {
		my $tr = $1;
		my @cells;
		while ($tr =~ /<t[hd][^>]*>(.*?)<\/t[hd]>/sg) {
			my $c = $1;
			$c =~ s/<[^>]*>//g;
			$c =~ s/&lt;/</g;
			$c =~ s/&gt;/>/g;
			$c =~ s/&quot;/"/g;
			$c =~ s/&#39;/'/g;
			$c =~ s/&amp;/&/g;
			push @cells, $c;
		}
		print join("\t", @cells), "\n";
	}
	print "\n";
}
