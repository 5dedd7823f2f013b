#!/usr/bin/env bash
# Records OVS 3.1's meters: refdata/ovs/meters/commands.in into commands.out (record-ovs-commands.sh).
#   src/test/scripts/record-meters.sh
exec "$(dirname "$0")/record-ovs-commands.sh" meters
