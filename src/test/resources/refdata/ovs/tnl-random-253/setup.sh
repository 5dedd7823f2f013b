ovs-vsctl add-port br0 p1 -- set interface p1 type=dummy ofport_request=1 options:tx_pcap=p1-tx.pcap
ovs-vsctl add-port br0 p2 -- set interface p2 type=dummy ofport_request=2 options:tx_pcap=p2-tx.pcap
ovs-vsctl add-port br0 tun1 -- set interface tun1 type=gre ofport_request=10 options:remote_ip=10.79.1.202 options:csum=true options:tos=inherit
ovs-vsctl add-port br0 tun2 -- set interface tun2 type=vxlan ofport_request=11 options:remote_ip=10.79.1.203
ovs-vsctl add-br br-phy -- set bridge br-phy datapath_type=dummy other-config:hwaddr=aa:55:aa:66:00:01
ovs-vsctl add-port br-phy phy0 -- set interface phy0 type=dummy ofport_request=1 options:tx_pcap=phy0-tx.pcap
