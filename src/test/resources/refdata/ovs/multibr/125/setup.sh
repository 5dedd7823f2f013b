ovs-vsctl add-port br0 p1 -- set interface p1 type=dummy ofport_request=1 options:tx_pcap=p1-tx.pcap
ovs-vsctl add-port br0 p2 -- set interface p2 type=dummy ofport_request=2 options:tx_pcap=p2-tx.pcap
ovs-vsctl add-port br0 br0-br1 -- set interface br0-br1 type=patch options:peer=br1-br0 ofport_request=3
ovs-vsctl add-br br1 -- set bridge br1 datapath-type=dummy fail-mode=secure protocols=OpenFlow10,OpenFlow13,OpenFlow15
ovs-vsctl add-port br1 q1 -- set interface q1 type=dummy ofport_request=1 options:tx_pcap=q1-tx.pcap
ovs-vsctl add-port br1 q2 -- set interface q2 type=dummy ofport_request=2 options:tx_pcap=q2-tx.pcap
ovs-vsctl add-port br1 br1-br0 -- set interface br1-br0 type=patch options:peer=br0-br1 ofport_request=3
