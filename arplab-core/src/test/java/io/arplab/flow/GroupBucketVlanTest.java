package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * mod_vlan_vid/mod_vlan_pcp in a group's buckets: parse_bucket_str() runs no ofpacts_check(), so their flow_has_vlan
 * stays false and encode_SET_VLAN_VID()/encode_SET_VLAN_PCP() put a push_vlan before each in OpenFlow 1.1+, even
 * after a push_vlan of the bucket's own (refdata/ovs/action-random-120's dump-groups).
 */
class GroupBucketVlanTest {
    private static String dumped(String text, OfVersion v) {
        Group.Mod m = Group.parse(text, Group.Command.ADD, PortMap.NONE);
        return new Group(m, v, 0).format(v, PortMap.NONE);
    }

    @Test
    void aModVlanAfterAPushVlanPushesItsOwnTag() {
        assertThat(dumped("group_id=1,type=all,bucket=actions=push_vlan:0x8100,mod_vlan_pcp:2,output:2",
                OfVersion.OF13)).isEqualTo("group_id=1,type=all,bucket=actions=push_vlan:0x8100,"
                        + "push_vlan:0x8100,set_field:2->vlan_pcp,output:2");
        assertThat(dumped("group_id=1,type=all,bucket=actions=mod_vlan_vid:5,mod_vlan_pcp:3,output:2",
                OfVersion.OF13)).isEqualTo("group_id=1,type=all,bucket=actions=push_vlan:0x8100,"
                        + "set_field:4101->vlan_vid,push_vlan:0x8100,set_field:3->vlan_pcp,output:2");
    }
}
