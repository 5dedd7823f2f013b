ovs-vsctl add-port br0 p1 -- set interface p1 type=dummy ofport_request=1 options:tx_pcap=p1-tx.pcap
ovs-vsctl add-port br0 p2 -- set interface p2 type=dummy ofport_request=2 options:tx_pcap=p2-tx.pcap
ovs-vsctl add-port br0 tun1 -- set interface tun1 type=vxlan ofport_request=10 options:remote_ip=flow options:key=flow options:local_ip=fd00:79::201
ovs-vsctl add-port br0 tun2 -- set interface tun2 type=vxlan ofport_request=11 options:remote_ip=fd00:79::202 options:key=flow options:csum=true options:dst_port=4790
ovs-vsctl add-br br-phy -- set bridge br-phy datapath_type=dummy other-config:hwaddr=aa:55:aa:66:00:01
ovs-vsctl add-port br-phy phy0 -- set interface phy0 type=dummy ofport_request=1 options:tx_pcap=phy0-tx.pcap
