#!/usr/bin/env bash
# Records OVS 3.1's xreg/xxreg fields: refdata/ovs/xreg/*.in into the .out beside each (record-ovs-commands.sh).
#   src/test/scripts/record-xreg.sh
exec "$(dirname "$0")/record-ovs-commands.sh" xreg
