#!/bin/sh
test_description='replay every committed fuzz corpus file through its harness'
. "${0%/*}/lib.sh"

for dir in "$TOP"/t/fuzz/corpus/*/; do
	name=$(basename "$dir")
	test_expect_success "corpus $name replays cleanly" '
		find "$dir" -type f -print0 | xargs -0 -r "$CRM_BUILD/t/fuzz/replay" "$name"
	'
done
test_done
