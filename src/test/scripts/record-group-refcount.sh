#!/usr/bin/env bash
# Records OVS 3.1's group ref_count: refdata/ovs/groups/refcount.in into refcount.out (record-ovs-commands.sh).
#   src/test/scripts/record-group-refcount.sh
exec "$(dirname "$0")/record-ovs-commands.sh" groups refcount.in
