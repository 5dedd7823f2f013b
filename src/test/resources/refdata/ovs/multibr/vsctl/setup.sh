ovs-vsctl add-port br0 p1 -- set interface p1 type=dummy ofport_request=1 options:tx_pcap=p1-tx.pcap
ovs-vsctl add-port br0 p2 -- set interface p2 type=dummy ofport_request=2 options:tx_pcap=p2-tx.pcap
