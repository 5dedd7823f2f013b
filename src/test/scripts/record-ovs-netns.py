#!/usr/bin/env python3
"""Records a lab of Linux hosts on an Open vSwitch bridge, for real: each host a network namespace whose eth0 is a
veth, its other end a port of OVS 3.1's userspace datapath (datapath_type=dummy, as every OVS recording here; the
port a netdev of type system: netdev-linux over the veth), started in a temp dir of its own as ovs-oracle.sh starts
OVS and stopped by its pidfiles.

   record-ovs-netns.py CASE_DIR      (as root; CASE_DIR holds lab.yaml and script.txt, script.out is written)

lab.yaml is arplab's lab file, of the subset this recorder builds: `kind: ovs` networks (subnet, fail_mode, hwaddr,
protocols, flows, other_config, patch ports) and hosts (sysctls, those of a device set once it exists; gateway; interfaces {network, address, mac, veth, name}), each
interface's veth added to its bridge in the order written, one `ovs-vsctl add-port` each. IPv6 is off in every namespace and on the veths' bridge sides
before their links come up, so that the kernel sends no MLD or neighbour discovery of its own. script.txt's lines
run as arplab runs them: `NODE COMMAND` inside the node's namespace, `ovs-*` lines on the bridge's host, `sleep N`;
each line's output (stdout and stderr) goes after "### LINE" into script.out, then "[exit N]".
"""
import os
import shlex
import subprocess
import sys
import tempfile
import time

import yaml

case = sys.argv[1]
lab = yaml.safe_load(open(os.path.join(case, "lab.yaml")))
bridges = [(k, v) for k, v in lab["networks"].items() if v.get("kind") == "ovs"]
run_dir = tempfile.mkdtemp(prefix="ovsnetns.")
env = dict(os.environ, OVS_RUNDIR=run_dir, OVS_DBDIR=run_dir, OVS_LOGDIR=run_dir, OVS_SYSCONFDIR=run_dir,
           OVS_PKGDATADIR="/usr/share/openvswitch")
hosts = list(lab.get("hosts", {}).items())


def sh(*args, check=True):
    return subprocess.run(list(args), env=env, check=check, capture_output=True, text=True)


def ns(host):
    return "arplab-rec-" + host


try:
    sh("ovsdb-tool", "create", run_dir + "/conf.db", "/usr/share/openvswitch/vswitch.ovsschema")
    sh("ovsdb-server", "--detach", "--no-chdir", "--pidfile", "--log-file", "--remote=punix:" + run_dir + "/db.sock",
       run_dir + "/conf.db")
    sh("ovs-vsctl", "--no-wait", "init")
    sh("ovs-vswitchd", "--enable-dummy", "--disable-system", "--detach", "--no-chdir", "--pidfile", "--log-file",
       "unix:" + run_dir + "/db.sock")
    for br, net in bridges:
        setting = ["datapath-type=" + net.get("datapath_type", "dummy")]
        if net.get("fail_mode", "secure"):
            setting.append("fail-mode=" + net.get("fail_mode", "secure"))
        if "hwaddr" in net:
            setting.append("other-config:hwaddr=" + net["hwaddr"])
        if "protocols" in net:
            setting.append("protocols=" + ",".join(net["protocols"]))
        setting += ["other-config:%s=%s" % kv for kv in net.get("other_config", {}).items()]
        sh("ovs-vsctl", "add-br", br, "--", "set", "bridge", br, *setting)
        for port, p in (net.get("ports") or {}).items():  # patch ports (type and options), in order
            iface = ["type=" + p["type"]] + ["options:%s=%s" % kv for kv in p.get("options", {}).items()]
            if "ofport" in p:
                iface.append("ofport_request=%d" % p["ofport"])
            sh("ovs-vsctl", "add-port", br, port, "--", "set", "interface", port, *iface)
    for name, h in hosts:
        sh("ip", "netns", "add", ns(name))
        for k in ("all", "default"):
            sh("ip", "netns", "exec", ns(name), "sysctl", "-qw", "net.ipv6.conf.%s.disable_ipv6=1" % k)
        devs = [i.get("name", "eth%d" % n) for n, i in enumerate(h["interfaces"])]
        sysctls = list((h.get("sysctls") or {}).items())
        late = [(k, v) for k, v in sysctls if k.split(".")[3:4] and k.split(".")[3] in devs]  # a device's: once it is
        for k, v in sysctls:
            if (k, v) not in late:
                sh("ip", "netns", "exec", ns(name), "sysctl", "-qw", "%s=%s" % (k, v))
        for n, i in enumerate(h["interfaces"]):
            dev = i.get("name", "eth%d" % n)
            prefix = lab["networks"][i["network"]]["subnet"].split("/")[1]
            sh("ip", "link", "add", i["veth"], "type", "veth", "peer", "name", dev, "netns", ns(name))
            sh("ip", "-n", ns(name), "link", "set", dev, "address", i["mac"])
            sh("ip", "-n", ns(name), "addr", "add", "%s/%s" % (i["address"], prefix), "dev", dev)
            sh("ip", "-n", ns(name), "link", "set", dev, "up")
            sh("sysctl", "-qw", "net.ipv6.conf.%s.disable_ipv6=1" % i["veth"])  # the bridge side's own IPv6 too
            sh("ip", "link", "set", i["veth"], "up")
            sh("ovs-vsctl", "add-port", i["network"], i["veth"])
        sh("ip", "-n", ns(name), "link", "set", "lo", "up")
        for k, v in late:
            sh("ip", "netns", "exec", ns(name), "sysctl", "-qw", "%s=%s" % (k, v))
        if "gateway" in h:
            sh("ip", "-n", ns(name), "route", "add", "default", "via", h["gateway"])
    for br, net in bridges:
        if "flows" in net:
            top = max(net.get("protocols", ["OpenFlow10"]))
            sh("ovs-ofctl", "-O", top, "add-flows", br, os.path.join(case, net["flows"]))
    time.sleep(1)  # the ports' netdevs up in the datapath
    out = []
    for line in open(os.path.join(case, "script.txt")):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        words = shlex.split(line)
        if words[0] == "sleep":
            time.sleep(float(words[1]))
            continue
        argv = words if words[0].startswith("ovs-") else ["ip", "netns", "exec", ns(words[0])] + words[1:]
        r = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        out.append("### " + line + "\n" + r.stdout.replace(run_dir, "/var/run/openvswitch")
                   + "[exit %d]\n" % r.returncode)
    open(os.path.join(case, "script.out"), "w").write("".join(out))
finally:
    for name, h in hosts:
        subprocess.run(["ip", "netns", "del", ns(name)], capture_output=True)
        for i in h["interfaces"]:
            subprocess.run(["ip", "link", "del", i["veth"]], capture_output=True)
    for p in ("ovs-vswitchd", "ovsdb-server"):
        try:
            os.kill(int(open(os.path.join(run_dir, p + ".pid")).read()), 15)
        except (OSError, ValueError):
            pass
    time.sleep(0.5)
    subprocess.run(["rm", "-rf", run_dir])
