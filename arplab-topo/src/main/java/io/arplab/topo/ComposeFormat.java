package io.arplab.topo;

import static io.arplab.topo.Fields.error;

import io.arplab.lab.Cidr;
import io.arplab.topo.Topology.Where;
import io.arplab.topo.Yaml.Entry;
import io.arplab.topo.Yaml.ListNode;
import io.arplab.topo.Yaml.MapNode;
import io.arplab.topo.Yaml.Node;
import io.arplab.topo.Yaml.Scalar;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A docker-compose file read as Docker Engine and Compose v2 would lay out its network: one bridge per network
 * used, the host's gateway address on it, one container per service. What the file leaves out follows Docker's
 * rules (README, "docker-compose files", cites each source). Keys that do not shape the network (image, command,
 * volumes ...) are accepted and noted.
 */
final class ComposeFormat {
    static final List<String> TOP = List.of("version", "name", "services", "networks", "volumes", "configs",
            "secrets", "include", "models");
    static final List<String> SERVICE_USED = List.of("container_name", "hostname", "mac_address", "networks",
            "network_mode", "sysctls", "depends_on", "profiles", "scale", "deploy");
    /** The rest of the compose specification's service keys (compose-spec/compose-spec, schema). */
    static final List<String> SERVICE_IGNORED = List.of("annotations", "attach", "blkio_config", "build", "cap_add",
            "cap_drop", "cgroup", "cgroup_parent", "command", "configs", "cpu_count", "cpu_percent", "cpu_period",
            "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec",
            "develop", "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint",
            "env_file", "environment", "expose", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck",
            "image", "init", "ipc", "isolation", "label_file", "labels", "links", "logging", "mem_limit",
            "mem_reservation", "mem_swappiness", "memswap_limit", "models", "oom_kill_disable", "oom_score_adj", "pid",
            "pids_limit", "platform", "ports", "post_start", "pre_stop", "privileged", "provider", "pull_policy",
            "read_only", "restart", "runtime", "secrets", "security_opt", "shm_size", "stdin_open",
            "stop_grace_period", "stop_signal", "storage_opt", "tmpfs", "tty", "ulimits", "use_api_socket", "user",
            "userns_mode", "uts", "volumes", "volumes_from", "working_dir", "log_driver", "log_opt", "dockerfile");
    static final List<String> NETWORK = List.of("name", "driver", "driver_opts", "ipam", "external", "internal",
            "attachable", "labels", "enable_ipv6", "enable_ipv4");
    static final List<String> IPAM = List.of("driver", "config", "options");
    static final List<String> IPAM_CONFIG = List.of("subnet", "ip_range", "gateway", "aux_addresses");
    static final List<String> SERVICE_NETWORK = List.of("aliases", "ipv4_address", "ipv6_address", "link_local_ips",
            "mac_address", "priority", "gw_priority", "interface_name", "driver_opts");
    static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";

    private final String file;
    private final String dirName;
    private final List<String> notes;
    private final Map<String, Where> where = new HashMap<>();

    /** A top-level network (or the implicit default), as declared. */
    private static final class Net {
        final String key;
        Node keyNode;
        String dockerName;
        Cidr subnet;
        Node subnetNode;
        Ipv4Address gateway;
        Node gatewayNode;
        Cidr ipRange;
        final List<Ipv4Address> aux = new ArrayList<>();
        boolean internal;
        String bridge;
        Node bridgeNode;
        boolean used;
        DockerIpam.Allocator allocator;

        Net(String key) {
            this.key = key;
        }
    }

    /** One service's attachment to one network. */
    private record Attachment(Net net, Node at, Scalar address, Scalar mac, List<String> aliases, int priority,
                              int gwPriority, Scalar ifname) {}

    private record Service(String name, Entry entry, MapNode map, String containerName, String labName,
                           String hostname, Scalar mac, List<Attachment> attachments, List<String> dependsOn,
                           List<Node> dependsOnNodes, MapNode sysctlsMap, ListNode sysctlsList) {}

    private ComposeFormat(String file, String dirName, List<String> notes) {
        this.file = file;
        this.dirName = dirName;
        this.notes = notes;
    }

    static Topology read(String file, String dirName, MapNode root, List<String> notes) {
        return new ComposeFormat(file, dirName, notes).read(root);
    }

    private void note(Node at, String text) {
        notes.add(at.where() + ": " + text);
    }

    private void mark(String path, Node n) {
        where.put(path, n.where());
    }

    private static boolean extension(String key) {
        return key.startsWith("x-");
    }

    /** arplab's own settings in a compose file's {@code x-arplab} extension. */
    static final List<String> ARPLAB = List.of("iptables");

    private Topology read(MapNode root) {
        boolean iptables = false;
        for (Entry e : root.entries().values()) {
            String k = e.key().text();
            if (k.equals("x-arplab")) {
                MapNode x = Fields.map(e.value(), "arplab's settings (iptables)");
                Fields.checkKeys(x, "in x-arplab", ARPLAB);
                if (x.has("iptables")) {
                    iptables = Fields.bool(x.get("iptables"), "'iptables'");
                }
                continue;
            }
            if (extension(k)) {
                continue;
            }
            if (!TOP.contains(k)) {
                throw error(e.key(), "unknown key '" + k + "' at the top of a compose file" + Suggest.didYouMean(k, TOP));
            }
            switch (k) {
                case "version" -> note(e.key(), "'version' is obsolete in compose files: ignored");
                case "volumes", "configs", "secrets", "models" -> note(e.key(), "top-level '" + k + "' does not shape the network: ignored");
                case "include" -> note(e.key(), "'include' is not supported: only this file is read");
                default -> { }
            }
        }
        String project = projectName(root);
        Node servicesNode = root.get("services");
        if (servicesNode == null || servicesNode instanceof Scalar s && s.isNull()
                || servicesNode instanceof MapNode m && m.entries().isEmpty()) {
            throw error(servicesNode == null ? root : root.entry("services").key(), "no services in compose file");
        }
        MapNode services = Fields.map(servicesNode, "services (name: settings)");
        Map<String, Net> nets = networks(root, project);
        List<Service> list = new ArrayList<>();
        Map<String, String> labNames = new HashMap<>();
        for (Entry e : services.entries().values()) {
            Service s = service(e, project, nets);
            if (s == null) {
                continue;
            }
            for (String n : List.of(s.labName(), s.containerName())) {
                String other = labNames.putIfAbsent(n, s.name());
                if (other != null && !other.equals(s.name())) {
                    Node at = s.map().has("container_name") ? s.map().get("container_name") : e.key();
                    throw error(at, "name '" + n + "' of service '" + s.name() + "' is already used by service '" + other + "'");
                }
            }
            list.add(s);
        }
        if (list.isEmpty()) {
            throw error(root.entry("services").key(), "no services to start in compose file (all have profiles)");
        }
        for (Service s : list) {
            for (int i = 0; i < s.dependsOn().size(); i++) {
                String d = s.dependsOn().get(i);
                if (!services.has(d)) {
                    throw error(s.dependsOnNodes().get(i), "service '" + s.name() + "' depends on undefined service '" + d + "'"
                            + Suggest.didYouMean(d, services.entries().keySet()));
                }
            }
        }
        List<Topology.Network> networks = layOutNetworks(nets);
        List<Service> order = creationOrder(list);
        Map<String, List<Ipv4Address>> addresses = assignAddresses(order);
        List<Topology.Host> hosts = new ArrayList<>();
        Map<String, List<String>> endpoints = new HashMap<>();
        for (Service s : list) {
            hosts.add(host(s, project, addresses.get(s.name())));
            List<Attachment> sandbox = new ArrayList<>(s.attachments());
            sandbox.sort(ComposeFormat::endpointOrder);
            endpoints.put(s.labName(), sandbox.stream().map(a -> a.net().key).toList());
        }
        Set<String> taken = new HashSet<>(labNames.keySet());
        Topology.BridgeHost bridgeHost = networks.isEmpty() ? null
                : new Topology.BridgeHost(LabFormat.pickName(taken), List.of());
        mark("hosts", root.entry("services").key());
        Set<String> internal = new HashSet<>();
        for (Net n : nets.values()) {
            if (n.internal) {
                internal.add(n.key);
            }
        }
        return new Topology(project, bridgeHost, networks, hosts, where, io.arplab.lab.Lab.Kernel.SHARED, null,
                new Topology.Docker(iptables, internal, endpoints));
    }

    /**
     * {@code name:} when given (it must already be valid), else the directory's name normalised as compose-go's
     * NormalizeProjectName does: lower case, only [a-z0-9_-] kept, leading '_' and '-' dropped.
     */
    private String projectName(MapNode root) {
        if (root.has("name")) {
            Scalar s = interpolate(Fields.scalar(root.get("name"), "a project name"));
            if (!s.text().matches("[a-z0-9][a-z0-9_-]*")) {
                throw error(s, "invalid project name '" + s.text() + "': only lowercase letters, digits, '-' and '_',"
                        + " starting with a letter or digit");
            }
            return s.text();
        }
        String n = dirName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceAll("^[_-]+", "");
        if (n.isEmpty()) {
            throw error(root, "cannot make a project name from directory '" + dirName + "': add 'name:' to the file");
        }
        return n;
    }

    /** The top-level networks and the implicit {@code default}, in declaration order (default last). */
    private Map<String, Net> networks(MapNode root, String project) {
        Map<String, Net> nets = new LinkedHashMap<>();
        if (root.has("networks")) {
            MapNode m = Fields.mapOrEmpty(root.get("networks"), "networks (name: settings)");
            for (Entry e : m.entries().values()) {
                if (!extension(e.key().text())) {
                    nets.put(e.key().text(), network(e, project));
                }
            }
        }
        if (!nets.containsKey("default")) {
            Net d = new Net("default");
            d.dockerName = project + "_default";
            nets.put("default", d);
        }
        return nets;
    }

    private Net network(Entry e, String project) {
        String key = e.key().text();
        Net n = new Net(key);
        n.keyNode = e.key();
        String what = "network '" + key + "'";
        MapNode m = Fields.mapOrEmpty(e.value(), "settings for " + what);
        checkKeys(m, "in " + what, NETWORK);
        boolean external = false;
        String externalName = null;
        if (m.has("external")) {
            Node x = m.get("external");
            if (x instanceof MapNode xm) {
                Fields.checkKeys(xm, "in 'external' of " + what, List.of("name"));
                external = true;
                externalName = xm.has("name") ? interpolate(Fields.scalar(xm.get("name"), "a network name")).text() : null;
            } else {
                external = Fields.bool(x, "'external'");
            }
            if (external) {
                note(m.entry("external").key(), "external " + what + " is created by arplab as a bridge network");
            }
        }
        if (m.has("name")) {
            n.dockerName = interpolate(Fields.scalar(m.get("name"), "a network name")).text();
        } else if (externalName != null) {
            n.dockerName = externalName;
        } else {
            // compose-go setNameFromKey: "<project>_<key>"; an external network keeps its key
            n.dockerName = external ? key : project + "_" + key;
        }
        if (m.has("driver")) {
            String d = Fields.string(m.get("driver"), "a network driver");
            if (!d.equals("bridge")) {
                throw error(m.get("driver"), "unsupported driver '" + d + "' for " + what + ": expected bridge");
            }
        }
        if (m.has("driver_opts")) {
            MapNode o = Fields.mapOrEmpty(m.get("driver_opts"), "driver options");
            for (Entry oe : o.entries().values()) {
                if (oe.key().text().equals(BRIDGE_NAME_OPTION)) {
                    n.bridgeNode = oe.value();
                    n.bridge = Fields.ifname(interpolate(Fields.scalar(oe.value(), "a bridge name")), "bridge name of " + what);
                } else {
                    note(oe.key(), "driver option '" + oe.key().text() + "' of " + what + " is not modelled: ignored");
                }
            }
        }
        if (m.has("internal")) {
            n.internal = Fields.bool(m.get("internal"), "'internal'");
        }
        if (m.has("enable_ipv4") && !Fields.bool(m.get("enable_ipv4"), "'enable_ipv4'")) {
            throw error(m.get("enable_ipv4"), what + " without IPv4 is not supported");
        }
        for (String k : List.of("attachable", "labels", "enable_ipv6")) {
            if (m.has(k)) {
                note(m.entry(k).key(), "'" + k + "' of " + what + " does not shape the IPv4 network: ignored");
            }
        }
        if (m.has("ipam")) {
            ipam(n, Fields.mapOrEmpty(m.get("ipam"), "IPAM settings"), what);
        }
        return n;
    }

    private void ipam(Net n, MapNode m, String what) {
        checkKeys(m, "in 'ipam' of " + what, IPAM);
        if (m.has("driver")) {
            String d = Fields.string(m.get("driver"), "an IPAM driver");
            if (!d.equals("default")) {
                note(m.get("driver"), "IPAM driver '" + d + "' of " + what + " is treated as 'default'");
            }
        }
        if (m.has("options")) {
            note(m.entry("options").key(), "IPAM options of " + what + " are not modelled: ignored");
        }
        if (!m.has("config")) {
            return;
        }
        ListNode configs = Fields.list(m.get("config"), "IPAM pools (subnet, gateway ...)");
        for (Node c : configs.items()) {
            MapNode cm = Fields.map(c, "an IPAM pool (subnet, ip_range, gateway, aux_addresses)");
            checkKeys(cm, "in an IPAM pool of " + what, IPAM_CONFIG);
            if (cm.has("subnet") && interpolate(Fields.scalar(cm.get("subnet"), "a subnet")).text().contains(":")) {
                note(cm.get("subnet"), "IPv6 pool of " + what + " ignored");
                continue;
            }
            if (n.subnet != null) {
                note(c, "second IPv4 pool of " + what + " ignored: containers get addresses from the first");
                continue;
            }
            if (!cm.has("subnet")) {
                throw error(cm, "missing 'subnet' in the IPAM pool of " + what);
            }
            n.subnetNode = cm.get("subnet");
            n.subnet = Fields.subnet(interpolate(Fields.scalar(cm.get("subnet"), "a subnet")), "subnet of " + what);
            if (cm.has("gateway")) {
                n.gatewayNode = cm.get("gateway");
                n.gateway = Fields.address(interpolate(Fields.scalar(cm.get("gateway"), "a gateway")), "gateway of " + what);
            }
            if (cm.has("ip_range")) {
                Cidr r = Fields.subnet(interpolate(Fields.scalar(cm.get("ip_range"), "an address range")), "ip_range of " + what);
                if (!DockerIpam.overlaps(r, n.subnet) || r.prefixLength() < n.subnet.prefixLength()) {
                    throw error(cm.get("ip_range"), "ip_range " + r + " of " + what + " is not inside its subnet " + n.subnet);
                }
                n.ipRange = r;
            }
            if (cm.has("aux_addresses")) {
                MapNode aux = Fields.mapOrEmpty(cm.get("aux_addresses"), "reserved addresses (name: address)");
                for (Entry a : aux.entries().values()) {
                    n.aux.add(Fields.address(interpolate(Fields.scalar(a.value(), "an address")), "aux address"));
                }
            }
        }
    }

    private void checkKeys(MapNode m, String context, List<String> known) {
        for (Entry e : m.entries().values()) {
            String k = e.key().text();
            if (!known.contains(k) && !extension(k)) {
                throw error(e.key(), "unknown key '" + k + "' " + context + Suggest.didYouMean(k, known));
            }
        }
    }

    private Service service(Entry e, String project, Map<String, Net> nets) {
        String name = Fields.nodeName(e.key(), "service name");
        String what = "service '" + name + "'";
        MapNode m = Fields.mapOrEmpty(e.value(), "settings for " + what);
        List<String> known = new ArrayList<>(SERVICE_USED);
        known.addAll(SERVICE_IGNORED);
        checkKeys(m, "in " + what, known);
        if (m.has("extends")) {
            throw error(m.entry("extends").key(), "'extends' is not supported: write the service out in full");
        }
        List<String> ignored = new ArrayList<>();
        for (Entry x : m.entries().values()) {
            if (SERVICE_IGNORED.contains(x.key().text())) {
                ignored.add(x.key().text());
            }
        }
        if (!ignored.isEmpty()) {
            note(e.key(), what + ": " + String.join(", ", ignored) + " ignored (they do not shape the network)");
        }
        if (m.has("profiles")) {
            note(m.entry("profiles").key(), what + " has profiles, so 'docker compose up' does not start it: left out");
            return null;
        }
        long replicas = 1;
        if (m.has("scale")) {
            replicas = Fields.integer(m.get("scale"), "a number of containers");
        }
        if (m.get("deploy") instanceof MapNode d && d.has("replicas")) {
            replicas = Fields.integer(d.get("replicas"), "a number of replicas");
        }
        if (replicas == 0) {
            note(e.key(), what + " has no replicas: left out");
            return null;
        }
        if (replicas > 1) {
            note(e.key(), what + " asks for " + replicas + " containers: arplab starts one");
        }
        String containerName = project + "-" + name + "-1"; // compose v2: <project>-<service>-<number>
        String labName = name;
        if (m.has("container_name")) {
            containerName = Fields.nodeName(interpolate(Fields.scalar(m.get("container_name"), "a container name")), "container name");
            labName = containerName;
        }
        String hostname = m.has("hostname") ? interpolate(Fields.scalar(m.get("hostname"), "a host name")).text() : null;
        Scalar mac = m.has("mac_address") ? interpolate(Fields.scalar(m.get("mac_address"), "a MAC address")) : null;
        List<Attachment> attachments = attachments(name, e.key(), m, nets);
        List<String> dependsOn = new ArrayList<>();
        List<Node> dependsOnNodes = new ArrayList<>();
        if (m.has("depends_on")) {
            Node d = m.get("depends_on");
            if (d instanceof MapNode dm) {
                for (Entry x : dm.entries().values()) {
                    dependsOn.add(x.key().text());
                    dependsOnNodes.add(x.key());
                }
            } else {
                for (Node x : Fields.list(d, "services this one depends on").items()) {
                    dependsOn.add(Fields.string(x, "a service name"));
                    dependsOnNodes.add(x);
                }
            }
        }
        MapNode sysctlsMap = null;
        ListNode sysctlsList = null;
        if (m.has("sysctls")) {
            Node s = m.get("sysctls");
            if (s instanceof ListNode l) {
                sysctlsList = l;
            } else {
                sysctlsMap = Fields.mapOrEmpty(s, "sysctls (KEY: value, or a list of KEY=value)");
            }
        }
        return new Service(name, e, m, containerName, labName, hostname, mac, attachments, dependsOn, dependsOnNodes,
                sysctlsMap, sysctlsList);
    }

    /** The service's networks in the order compose connects them: priority, highest first, then name (NetworksByPriority). */
    private List<Attachment> attachments(String service, Node serviceKey, MapNode m, Map<String, Net> nets) {
        String what = "service '" + service + "'";
        if (m.has("network_mode")) {
            String mode = Fields.string(m.get("network_mode"), "a network mode");
            if (m.has("networks")) {
                throw error(m.entry("network_mode").key(), what + ": 'network_mode' and 'networks' cannot be combined");
            }
            if (!mode.equals("none")) {
                throw error(m.get("network_mode"), "unsupported network_mode '" + mode + "' in " + what
                        + ": expected none, or networks");
            }
            return List.of();
        }
        List<Attachment> out = new ArrayList<>();
        if (!m.has("networks") || m.get("networks") instanceof Scalar s && s.isNull()) {
            Node at = m.has("networks") ? m.entry("networks").key() : serviceKey;
            out.add(new Attachment(use(nets, "default", at, service), at, null, null, List.of(), 0, 0, null));
            return out;
        }
        Node nn = m.get("networks");
        if (nn instanceof ListNode l) {
            for (Node item : l.items()) {
                Scalar s = Fields.scalar(item, "a network name");
                out.add(new Attachment(use(nets, s.text(), s, service), s, null, null, List.of(), 0, 0, null));
            }
        } else {
            MapNode map = Fields.map(nn, "networks (a list of names, or name: settings)");
            for (Entry e : map.entries().values()) {
                String net = e.key().text();
                Net n = use(nets, net, e.key(), service);
                String ctx = "network '" + net + "' of " + what;
                MapNode cfg = Fields.mapOrEmpty(e.value(), "settings for " + ctx);
                checkKeys(cfg, "in " + ctx, SERVICE_NETWORK);
                for (String k : List.of("ipv6_address", "link_local_ips", "driver_opts")) {
                    if (cfg.has(k)) {
                        note(cfg.entry(k).key(), "'" + k + "' of " + ctx + " is not modelled: ignored");
                    }
                }
                Scalar address = cfg.has("ipv4_address") ? interpolate(Fields.scalar(cfg.get("ipv4_address"), "an IPv4 address")) : null;
                if (address != null && n.subnet == null) {
                    // libnetwork: "user specified IP address is supported only when connecting to networks with user configured subnets"
                    throw error(address, "ipv4_address " + address.text() + " of " + what + " needs a subnet in network '"
                            + net + "' (ipam: config: - subnet: ...)");
                }
                Scalar mac = cfg.has("mac_address") ? interpolate(Fields.scalar(cfg.get("mac_address"), "a MAC address")) : null;
                List<String> aliases = cfg.has("aliases") ? Fields.strings(cfg.get("aliases"), "network aliases") : List.of();
                int priority = cfg.has("priority") ? (int) Fields.integer(cfg.get("priority"), "a priority (integer)") : 0;
                int gwPriority = cfg.has("gw_priority") ? (int) Fields.integer(cfg.get("gw_priority"), "a gateway priority (integer)") : 0;
                Scalar ifname = cfg.has("interface_name") ? interpolate(Fields.scalar(cfg.get("interface_name"), "an interface name")) : null;
                out.add(new Attachment(n, e.key(), address, mac, aliases, priority, gwPriority, ifname));
            }
        }
        out.sort(Comparator.comparingInt((Attachment a) -> -a.priority()).thenComparing(a -> a.net().key));
        return out;
    }

    private Net use(Map<String, Net> nets, String key, Node at, String service) {
        Net n = nets.get(key);
        if (n == null) {
            Set<String> declared = new TreeSet<>(nets.keySet());
            throw error(at, "service '" + service + "' refers to undefined network '" + key + "'"
                    + Suggest.didYouMean(key, declared));
        }
        if (!n.used) {
            n.used = true;
            if (n.keyNode == null) {
                n.keyNode = at;
            }
        }
        return n;
    }

    /** Subnets for the networks in use: explicit ones first, then Docker's default pools in declaration order. */
    private List<Topology.Network> layOutNetworks(Map<String, Net> nets) {
        List<Cidr> taken = new ArrayList<>();
        for (Net n : nets.values()) {
            if (n.used && n.subnet != null) {
                taken.add(n.subnet);
            }
        }
        List<Topology.Network> out = new ArrayList<>();
        for (Net n : nets.values()) {
            if (!n.used) {
                if (n.keyNode != null) {
                    note(n.keyNode, "network '" + n.key + "' is used by no service: not created");
                }
                continue;
            }
            String p = "networks/" + n.key;
            mark(p, n.keyNode);
            if (n.subnet == null) {
                n.subnet = DockerIpam.nextPool(taken);
                if (n.subnet == null) {
                    // libnetwork: "could not find an available, non-overlapping IPv4 address pool among the defaults"
                    throw error(n.keyNode, "no free default address pool left for network '" + n.key + "': give it ipam: config: - subnet: ...");
                }
                taken.add(n.subnet);
            } else {
                mark(p + "/subnet", n.subnetNode);
            }
            if (n.gateway == null) {
                n.gateway = DockerIpam.firstHost(n.subnet);
            } else {
                mark(p + "/gateway", n.gatewayNode);
            }
            String bridge = n.bridge != null ? n.bridge : DockerIpam.bridgeName(n.dockerName);
            if (n.bridgeNode != null) {
                mark(p + "/bridge", n.bridgeNode);
            }
            out.add(new Topology.Network(n.key, Topology.NetworkKind.BRIDGE, n.subnet, n.gateway, bridge,
                    DockerIpam.bridgeMac(n.dockerName)));
        }
        return out;
    }

    /** Services in the order compose creates them: dependencies first, otherwise file order. */
    private static List<Service> creationOrder(List<Service> services) {
        Map<String, Service> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        List<Service> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (Service s : services) {
            visit(s, byName, done, visiting, out);
        }
        return out;
    }

    private static void visit(Service s, Map<String, Service> byName, Set<String> done, Set<String> visiting, List<Service> out) {
        if (done.contains(s.name())) {
            return;
        }
        if (!visiting.add(s.name())) {
            throw error(s.entry().key(), "dependency cycle through service '" + s.name() + "' (depends_on)");
        }
        for (String d : s.dependsOn()) {
            Service dep = byName.get(d);
            if (dep != null) {
                visit(dep, byName, done, visiting, out);
            }
        }
        visiting.remove(s.name());
        done.add(s.name());
        out.add(s);
    }

    /** Each attachment's address: its ipv4_address, else the network's next free one (explicit ones reserved first). */
    private Map<String, List<Ipv4Address>> assignAddresses(List<Service> order) {
        Map<Net, List<Ipv4Address>> reserved = new HashMap<>();
        for (Service s : order) {
            for (Attachment a : s.attachments()) {
                if (a.address() != null) {
                    reserved.computeIfAbsent(a.net(), k -> new ArrayList<>())
                            .add(Fields.address(a.address(), "ipv4_address of service '" + s.name() + "'"));
                }
            }
        }
        Map<String, List<Ipv4Address>> out = new HashMap<>();
        for (Service s : order) {
            List<Ipv4Address> list = new ArrayList<>();
            for (Attachment a : s.attachments()) {
                Net n = a.net();
                if (a.address() != null) {
                    list.add(Fields.address(a.address(), "ipv4_address"));
                    continue;
                }
                if (n.allocator == null) {
                    List<Ipv4Address> r = new ArrayList<>(reserved.getOrDefault(n, List.of()));
                    r.addAll(n.aux);
                    n.allocator = new DockerIpam.Allocator(n.subnet, n.ipRange, n.gateway, r);
                }
                Ipv4Address ip = n.allocator.next();
                if (ip == null) {
                    throw error(a.at(), "no free address left in network '" + n.key + "' (" + n.subnet + ") for service '" + s.name() + "'");
                }
                list.add(ip);
            }
            out.put(s.name(), list);
        }
        return out;
    }

    private Topology.Host host(Service s, String project, List<Ipv4Address> addresses) {
        String p = "hosts/" + s.labName();
        mark(p, s.entry().key());
        List<Topology.Interface> interfaces = new ArrayList<>();
        for (int i = 0; i < s.attachments().size(); i++) {
            Attachment a = s.attachments().get(i);
            String ip = p + "/interfaces/" + i;
            mark(ip, a.at());
            Ipv4Address address = addresses.get(i);
            if (a.address() != null) {
                mark(ip + "/address", a.address());
            }
            MacAddress mac = DockerIpam.macFromIp(address);
            Scalar macNode = a.mac() != null ? a.mac() : i == 0 ? s.mac() : null;
            if (macNode != null) {
                mac = Fields.mac(macNode, "mac_address of service '" + s.name() + "'");
                mark(ip + "/mac", macNode);
            }
            String ifname = "eth" + i;
            if (a.ifname() != null) {
                ifname = Fields.ifname(a.ifname(), "interface_name of service '" + s.name() + "'");
                mark(ip + "/name", a.ifname());
            }
            List<String> aliases = new ArrayList<>(a.aliases());
            // moby libnetwork network.ResolveIP: the PTR answer is "<container name>.<network name>"
            interfaces.add(new Topology.Interface(ifname, a.net().key, address, mac, null, null, aliases,
                    s.containerName() + "." + a.net().dockerName));
        }
        List<Topology.Route> routes = new ArrayList<>();
        Attachment gw = gatewayAttachment(s.attachments());
        if (gw != null) {
            routes.add(new Topology.Route(new Cidr(Ipv4Address.ANY, 0), gw.net().gateway, null, 0));
            mark(p + "/routes/0", gw.at());
        }
        Set<String> devices = new LinkedHashSet<>(List.of("lo"));
        interfaces.forEach(f -> devices.add(f.name()));
        List<Topology.Sysctl> sysctls = new ArrayList<>();
        if (s.sysctlsMap() != null) {
            for (Entry e : s.sysctlsMap().entries().values()) {
                add(sysctls, LabFormat.sysctl(e.key(), interpolate(e.value()), e.key().text(), devices, notes), p, e.key());
            }
        }
        if (s.sysctlsList() != null) {
            for (Node item : s.sysctlsList().items()) {
                Scalar sc = interpolate(Fields.scalar(item, "a sysctl as KEY=value"));
                int eq = sc.text().indexOf('=');
                if (eq <= 0) {
                    throw error(sc, "invalid sysctl '" + sc.text() + "': expected KEY=value");
                }
                Scalar value = new Scalar(sc.text().substring(eq + 1).trim(), Yaml.Kind.STRING, sc.where());
                add(sysctls, LabFormat.sysctl(sc, value, sc.text().substring(0, eq).trim(), devices, notes), p, sc);
            }
        }
        List<String> names = new ArrayList<>();
        names.add(s.labName());
        names.add(s.containerName());
        names.add(s.name());
        if (s.hostname() != null) {
            names.add(s.hostname());
        }
        return new Topology.Host(s.labName(), interfaces, routes, sysctls, List.of(), List.copyOf(new LinkedHashSet<>(names)));
    }

    private void add(List<Topology.Sysctl> sysctls, Topology.Sysctl s, String hostPath, Node at) {
        if (s != null) {
            sysctls.add(s);
            mark(hostPath + "/sysctls/" + s.key(), at);
        }
    }

    /**
     * The network giving the default route: the first in the sandbox's endpoint order that has a gateway (internal
     * networks have none: the bridge driver sets no gateway for them).
     */
    private static Attachment gatewayAttachment(List<Attachment> attachments) {
        Attachment best = null;
        for (Attachment a : attachments) {
            if (!a.net().internal && (best == null || endpointOrder(a, best) < 0)) {
                best = a;
            }
        }
        return best;
    }

    /**
     * libnetwork's sandbox endpoint order (Endpoint.Less()): the highest gw_priority first, then non-internal before
     * internal (with a gateway before without), then the network's name.
     */
    private static int endpointOrder(Attachment a, Attachment b) {
        if (a.gwPriority() != b.gwPriority()) {
            return a.gwPriority() > b.gwPriority() ? -1 : 1;
        }
        if (a.net().internal != b.net().internal) {
            return a.net().internal ? 1 : -1;
        }
        return a.net().dockerName.compareTo(b.net().dockerName);
    }

    /**
     * Compose's variable substitution, without an environment (a lab must not depend on the shell it is built
     * from): {@code ${VAR:-default}} and {@code ${VAR-default}} give the default, {@code $$} is a dollar sign, any
     * other reference is an error.
     */
    private Scalar interpolate(Node n) {
        if (!(n instanceof Scalar s) || s.kind() != Yaml.Kind.STRING || s.text().indexOf('$') < 0) {
            return n instanceof Scalar s ? s : Fields.scalar(n, "a value");
        }
        String t = s.text();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '$') {
                out.append(c);
                continue;
            }
            if (i + 1 < t.length() && t.charAt(i + 1) == '$') {
                out.append('$');
                i++;
                continue;
            }
            int close = i + 1 < t.length() && t.charAt(i + 1) == '{' ? t.indexOf('}', i) : -1;
            String inner = close < 0 ? null : t.substring(i + 2, close);
            int dash = inner == null ? -1 : inner.indexOf('-');
            if (dash <= 0 || !inner.substring(0, inner.charAt(dash - 1) == ':' ? dash - 1 : dash).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(s, "variable in '" + t + "' has no default: arplab does not read the environment,"
                        + " write ${NAME:-value}");
            }
            out.append(inner.substring(dash + 1));
            i = close;
        }
        return new Scalar(out.toString(), Yaml.Kind.STRING, s.where());
    }
}
