#!/usr/bin/env bash
# Records OVS 3.1's learn action for refdata/ovs/learn/commands.in (br0 with dummy ports p1, p2, p3): each command
# line's output (stdout and stderr) after "### LINE", into commands.out (or NAME.in into NAME.out: extras, limit=,
# result_dst= and delete_learned).
#   src/test/scripts/record-learn.sh [NAME]
exec "$(dirname "$0")/record-ovs-commands.sh" learn "${1:-commands}.in"
