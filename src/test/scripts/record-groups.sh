#!/usr/bin/env bash
# Records OVS 3.1's groups: refdata/ovs/groups/commands.in into commands.out (record-ovs-commands.sh).
#   src/test/scripts/record-groups.sh
exec "$(dirname "$0")/record-ovs-commands.sh" groups commands.in
