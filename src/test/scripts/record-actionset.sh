#!/usr/bin/env bash
# Records OVS 3.1's action set (write_actions, clear_actions, write_metadata): refdata/ovs/actionset/commands.in into commands.out (record-ovs-commands.sh).
#   src/test/scripts/record-actionset.sh
exec "$(dirname "$0")/record-ovs-commands.sh" actionset
