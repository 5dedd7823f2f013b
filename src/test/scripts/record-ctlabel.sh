#!/usr/bin/env bash
# Records OVS 3.1's ct_label: refdata/ovs/ctlabel/*.in into the .out beside each (record-ovs-commands.sh).
#   src/test/scripts/record-ctlabel.sh
exec "$(dirname "$0")/record-ovs-commands.sh" ctlabel
