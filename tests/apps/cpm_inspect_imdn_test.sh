#!/usr/bin/env bash
# End-to-end tests of `cpm-inspect imdn`: the JSON of the examples (IMDN
# documents and message/cpim bodies) is compared byte for byte with golden
# files, and bad inputs must exit 1 with exactly one line
# "error: FILE:LINE:COL: sentence" on stderr, the position in the whole file
# even when the error is in a document carried by a CPIM message.
#
# usage: cpm_inspect_imdn_test.sh CPM_INSPECT SOURCE_DIR [--update]
#   --update rewrites the golden files from the current output (review the
#   diff before committing it).
kind=imdn
data=tests/data/inspect/imdn
# shellcheck source=inspect_harness.sh
source "$(dirname "$0")/inspect_harness.sh" "$@"

# --- golden JSON ---------------------------------------------------------
for example in examples/imdn/*.xml examples/imdn/*.cpim; do
    golden "example-$(basename "$example")" "$example"
done

# --- errors ----------------------------------------------------------------
rejected bad-status "error: $data/bad-status.xml:6:13: imdn: delivery-notification status must be delivered, failed, forbidden or error, not <displayed>" \
    "$bin" imdn "$data/bad-status.xml"
rejected missing-datetime "error: $data/missing-datetime.xml:1:1: imdn: <imdn> has no <datetime>" \
    "$bin" imdn "$data/missing-datetime.xml"
# No DTD is read, so no external entity (XXE) and no entity expansion.
rejected doctype-xxe "error: $data/doctype-xxe.xml:2:1: XML: <!DOCTYPE is not accepted (no DTDs, no entity declarations, no external entities)" \
    "$bin" imdn "$data/doctype-xxe.xml"
# An error in the carried document is placed in the whole message.
rejected cpim-bad-body "error: $data/cpim-bad-body.cpim:12:55: XML: end tag </delivery> does not match the open element <delivery-notification>" \
    "$bin" imdn "$data/cpim-bad-body.cpim"
rejected cpim-bad-disposition "error: $data/cpim-bad-disposition.cpim:5:40: Disposition-Notification: expected ',' between notify-reqs" \
    "$bin" imdn "$data/cpim-bad-disposition.cpim"
rejected stdin-bad-status "error: -:6:13: imdn: delivery-notification status must be delivered, failed, forbidden or error, not <displayed>" \
    sh -c '"$0" imdn - <"$1"' "$bin" "$data/bad-status.xml"

finish
