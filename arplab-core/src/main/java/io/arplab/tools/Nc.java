package io.arplab.tools;

import io.arplab.runtime.Timer;
import io.arplab.stack.Errno;
import io.arplab.stack.TcpSocket;
import io.arplab.stack.UdpSocket;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.libc.CStrtol;
import io.arplab.wire.libc.NetDb;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * netcat-openbsd 1.219 (Debian 12), TCP: {@code nc [-dNnvz] [-w secs] [-p port] [-s source] host port[-port]}
 * connects (main()'s port loop, remote_connect(), readwrite()); {@code nc -l [-k] [-p] port} listens
 * (local_listen()). Standard input is what the lab line pipes in ({@code echo hi | nc ...}), else empty. What it
 * prints and its exit status follow netcat.c: warn() lines under -v, "Connection to ... succeeded!", report_sock().
 */
public final class Nc implements Tool {
    static final String OPTSTRING = "46bCDdFhI:i:jklM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz";

    private ToolContext ctx;
    private boolean udp, listen, keep, verbose, zero, numeric, shutdownOnEof, detachStdin, inet6, proxy;
    /** -Z: DCCP, which the kernel has no socket for here (socket() fails: ESOCKTNOSUPPORT) */
    private boolean dccp;
    /** -q SECS: after standard input's end, quit after SECS seconds (-1: never, the default) */
    private long quit = -1;
    private long timeout = -1;
    private String host;
    private Ipv4Address dst, src;
    private String source;
    private int sport;
    /** build_ports()'s portlist[]: numbers, a service's too, printed as such. */
    private final List<Integer> ports = new ArrayList<>();
    private int portIndex;
    private int ret = 1;
    private TcpSocket sock, listener;
    private Timer connectTimer;
    private boolean netinGone;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        Getopt g = Getopt.parse("nc", OPTSTRING, args);
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                ctx.err().println(o.error());
                usage();
                return;
            }
            switch (o.letter()) {
                case 'l' -> listen = true;
                case 'u' -> udp = true;
                case 'k' -> keep = true;
                case 'v' -> verbose = true;
                case 'z' -> zero = true;
                case 'n' -> numeric = true;
                case 'N' -> shutdownOnEof = true;
                case 'd' -> detachStdin = true;
                case '4' -> inet6 = false;
                case '6' -> inet6 = true;
                case 'x' -> proxy = true;
                case 'Z' -> dccp = true;
                case 'h' -> {
                    ctx.err().print(Usage.of("nc-h"));
                    ctx.exit(0);
                    return;
                }
                case 'w' -> {
                    timeout = number(o.argument());
                    if (timeout < 0) {
                        fail("nc: timeout invalid: " + o.argument());
                        return;
                    }
                }
                case 'p' -> {
                    sport = port(o.argument());
                    if (sport < 0) {
                        return;
                    }
                }
                case 's' -> source = o.argument(); // resolved by remote_connect(), after the host
                case 'q' -> {
                    String e = CStrtol.strtonumError(o.argument(), Integer.MIN_VALUE, Integer.MAX_VALUE);
                    if (e != null) {
                        fail("nc: quit timer " + e + ": " + o.argument());
                        return;
                    }
                    quit = Long.parseLong(o.argument().strip());
                    shutdownOnEof |= quit >= 0; // main(): -q with a time not below 0 sets -N
                }
                default -> {
                    fail("nc: -" + o.letter() + " is not modelled by arplab's nc (-4 -6 -d -k -l -N -n -p -q -s -u -v -w -Z -z)");
                    return;
                }
            }
        }
        List<String> operands = g.operands();
        if (proxy && !(operands.isEmpty() && !listen)) {
            // main()'s checks of -x, after the operands' (no operand and no -l: usage, which destination() prints)
            fail(udp ? "nc: no proxy support for UDP mode" : listen ? "nc: no proxy support for listen"
                    : source != null ? "nc: no proxy support for local source address"
                    : "nc: -x (a proxy) is not modelled by arplab's nc");
            return;
        }
        if (udp && listen) {
            startUdpListening(operands);
        } else if (udp) {
            startUdpConnecting(operands);
        } else if (listen) {
            startListening(operands);
        } else {
            startConnecting(operands);
        }
    }

    // ------------------------------------------------------------------------------------------- listening

    private void startListening(List<String> operands) {
        String portArg;
        if (operands.size() == 1) {
            portArg = operands.get(0);
        } else if (operands.isEmpty() && sport > 0) {
            portArg = Integer.toString(sport); // Debian's nc -l -p PORT
        } else if (operands.isEmpty()) {
            fail("nc: missing port number");
            return;
        } else {
            fail("nc: " + Errno.EADDRNOTAVAIL.text); // a local address arplab does not bind
            return;
        }
        int port = port(portArg);
        if (port < 0) {
            return;
        }
        if (dccp) { // local_listen(): the DCCP socket() fails
            fail("nc: " + Errno.ESOCKTNOSUPPORT.text);
            return;
        }
        ctx.act(out -> listener = ctx.stack().listenTcp(port, new TcpSocket.Listener() {
            @Override
            public void accepted(long now, TcpSocket child) {
                connectionReceived(child);
            }
        }));
        if (listener == null) {
            fail("nc: " + Errno.EADDRINUSE.text);
            return;
        }
        ctx.onInterrupt(this::closeAll);
        if (verbose) {
            ctx.err().println("Listening on 0.0.0.0 " + port);
            ctx.err().flush();
        }
    }

    /** accept(): report_sock("Connection received on", ...), then readwrite() on the connection. */
    private void connectionReceived(TcpSocket child) {
        if (sock != null) {
            return; // nc serves one connection at a time: the next waits in the backlog
        }
        sock = child;
        netinGone = false;
        if (verbose) {
            Ipv4Address peer = Ipv4Address.of(child.remoteAddress());
            String name = numeric ? null : ctx.resolver().reverse(peer);
            ctx.err().println("Connection received on " + (name != null ? name : peer.toString()) + " "
                    + child.remotePort());
            ctx.err().flush();
        }
        child.setListener(connection());
        sendStdin();
    }

    // ------------------------------------------------------------------------------------------- connecting

    private void startConnecting(List<String> operands) {
        if (!destination(operands)) {
            return;
        }
        if (dccp) { // remote_connect(): socket() fails for every address, silently; no connection, exit 1
            ctx.exit(1);
            return;
        }
        ctx.onInterrupt(this::closeAll);
        nextPort();
    }

    // main()'s operands for a connect, TCP or UDP: host and ports (build_ports()), the host resolved; false when it
    // failed (usage, or its error printed)
    private boolean destination(List<String> operands) {
        if (operands.isEmpty()) {
            usage();
            return false;
        }
        if (operands.size() < 2) {
            fail("nc: missing port number");
            return false;
        }
        host = operands.get(0);
        for (String p : operands.subList(1, operands.size())) {
            if (!ports(p)) {
                return false;
            }
        }
        if (inet6) { // getaddrinfo() with AF_INET6: arplab's hosts have IPv4 addresses only
            fail("nc: getaddrinfo for host \"" + host + "\" port " + ports.get(0) + ": "
                    + (Ipv4Address.tryParse(host) != null ? "Address family for hostname not supported"
                    : "Name or service not known"));
            return false;
        }
        // -n: getaddrinfo() with AI_NUMERICHOST, which takes no name (EAI_NONAME)
        dst = numeric ? InetAton.parse(host) : ctx.resolver().resolve(host);
        if (dst == null && numeric) {
            fail("nc: getaddrinfo for host \"" + host + "\" port " + ports.get(0) + ": Name or service not known");
            return false;
        }
        if (dst == null) {
            fail("nc: getaddrinfo for host \"" + host + "\" port " + ports.get(0)
                    + ": " + ctx.resolver().lookupErrorFor(host));
            return false;
        }
        return true;
    }

    /** main()'s loop over the ports: remote_connect() each; ret 0 once one connected. */
    private void nextPort() {
        if (portIndex == ports.size()) {
            ctx.exit(ret);
            return;
        }
        if (!bindable()) {
            return;
        }
        int port = ports.get(portIndex);
        ctx.act(out -> sock = ctx.stack().connectTcp(ctx.now(), src, sport, dst, port, null, connection(), out));
        Errno e = ctx.stack().tcpError(sock);
        if (e != null) {
            connectFailed(e.text, false);
            return;
        }
        if (timeout > 0) { // -w 0 connects as without -w: blocking, until refused, unreachable or connected
            TcpSocket s = sock;
            connectTimer = ctx.at(ctx.now() + timeout * 1_000_000_000L, t -> {
                if (s == sock && s.state() == TcpSocket.State.SYN_SENT) {
                    ctx.act(out -> ctx.stack().closeTcp(t, s, out));
                    connectFailed(null, true); // timeout_connect(): poll() ran out, errno EINPROGRESS
                }
            });
        }
    }

    /** The host as -v names it: its address after it unless -n or the host is that address ("something to report"). */
    private String hostShown() {
        String ip = dst.toString();
        return numeric || host.equals(ip) ? host : host + " (" + ip + ")";
    }

    private void connectFailed(String why, boolean timedOut) {
        cancelTimer();
        if (verbose) {
            ctx.err().println("nc: connect to " + hostShown() + " port " + ports.get(portIndex) + " (tcp) "
                    + (timedOut ? "timed out: " + Errno.EINPROGRESS.text : "failed: " + why));
            ctx.err().flush();
        }
        sock = null;
        portIndex++;
        nextPort();
    }

    private void connected() {
        cancelTimer();
        ret = 0;
        if (verbose) {
            String sv = numeric ? null : TcpdumpPrinter.tcpService(ports.get(portIndex));
            ctx.err().println("Connection to " + hostShown() + " " + ports.get(portIndex) + " port [tcp/"
                    + (sv != null ? sv : "*") + "] succeeded!");
            ctx.err().flush();
        }
        if (zero) {
            TcpSocket s = sock;
            ctx.act(out -> ctx.stack().closeTcp(ctx.now(), s, out));
            sock = null;
            portIndex++;
            nextPort();
            return;
        }
        sendStdin();
    }

    // ------------------------------------------------------------------------------------------- readwrite()

    private TcpSocket.Listener connection() {
        return new TcpSocket.Listener() {
            @Override
            public void connected(long now) {
                Nc.this.connected();
            }

            @Override
            public void failed(long now, Errno errno) {
                connectFailed(errno.text, false);
            }

            @Override
            public void data(long now, byte[] data) {
                ctx.out().print(new String(data, StandardCharsets.UTF_8));
                ctx.out().flush();
            }

            @Override
            public void eof(long now) {
                netinGone();
            }

            @Override
            public void reset(long now) {
                netinGone();
            }
        };
    }

    /** Standard input to the network; at its end, shutdown(SHUT_WR) with -N. */
    private void sendStdin() {
        TcpSocket s = sock;
        byte[] in = detachStdin ? new byte[0] : ctx.stdin();
        ctx.act(out -> {
            if (in.length > 0) {
                ctx.stack().sendTcp(ctx.now(), s, in, out);
            }
            if (shutdownOnEof && !detachStdin) {
                ctx.stack().shutdownTcp(ctx.now(), s, out);
            }
        });
        if (quit >= 0 && !detachStdin) { // readwrite(): stdin gone, the quit timer's alarm(), then exit(0)
            ctx.at(ctx.now() + quit * 1_000_000_000L, t -> {
                if (sock == s) {
                    ctx.act(out -> ctx.stack().closeTcp(t, s, out));
                    sock = null;
                    ctx.exit(0);
                }
            });
        }
    }

    /** The network's end of file: with stdin gone too (or listening), readwrite() returns and the socket closes. */
    private void netinGone() {
        if (netinGone || sock == null) {
            return;
        }
        netinGone = true;
        TcpSocket s = sock;
        ctx.act(out -> ctx.stack().closeTcp(ctx.now(), s, out));
        sock = null;
        if (listen && keep) {
            return; // -k: the next connection
        }
        if (listener != null) {
            TcpSocket l = listener;
            ctx.act(out -> ctx.stack().closeTcp(ctx.now(), l, out));
            listener = null;
        }
        ctx.exit(listen ? 0 : ret);
    }

    private void closeAll() {
        ctx.act(out -> {
            if (sock != null) {
                ctx.stack().closeTcp(ctx.now(), sock, out);
            }
            if (listener != null) {
                ctx.stack().closeTcp(ctx.now(), listener, out);
            }
        });
    }

    private void cancelTimer() {
        if (connectTimer != null) {
            ctx.cancel(connectTimer);
            connectTimer = null;
        }
    }

    // ------------------------------------------------------------------------------------------- UDP (-u)

    private UdpSocket usock;
    private int peer, peerPort;
    private boolean peerSet;
    private Timer udpTimer;

    /** local_listen() with SOCK_DGRAM: "Bound on", then the first datagram's sender becomes the connected peer. */
    private void startUdpListening(List<String> operands) {
        String portArg;
        if (operands.size() == 1) {
            portArg = operands.get(0);
        } else if (operands.isEmpty() && sport > 0) {
            portArg = Integer.toString(sport);
        } else if (operands.isEmpty()) {
            fail("nc: missing port number");
            return;
        } else {
            fail("nc: " + Errno.EADDRNOTAVAIL.text);
            return;
        }
        int port = port(portArg);
        if (port < 0) {
            return;
        }
        if (dccp) { // local_listen(): the DCCP socket() fails
            fail("nc: " + Errno.ESOCKTNOSUPPORT.text);
            return;
        }
        try {
            usock = ctx.stack().openUdp(port, udpListener());
        } catch (IllegalArgumentException e) {
            fail("nc: " + Errno.EADDRINUSE.text);
            return;
        }
        ctx.onInterrupt(this::closeUdp);
        ctx.onExit(this::closeUdp);
        if (verbose) {
            ctx.err().println("Bound on 0.0.0.0 " + port);
            ctx.err().flush();
        }
    }

    private void startUdpConnecting(List<String> operands) {
        if (!destination(operands)) {
            return;
        }
        if (dccp) { // as for TCP: the DCCP socket() fails
            ctx.exit(1);
            return;
        }
        ctx.onInterrupt(this::closeUdp);
        ctx.onExit(this::closeUdp);
        nextUdpPort();
    }

    /** main()'s port loop for UDP: connect() (no packet), then udptest() under -v, nothing more under -z, else readwrite(). */
    private void nextUdpPort() {
        closeUdp();
        if (portIndex == ports.size()) {
            ctx.exit(ret);
            return;
        }
        if (!bindable()) {
            return;
        }
        peer = dst.bits();
        peerPort = ports.get(portIndex);
        peerSet = true;
        usock = ctx.stack().openUdp(sport, udpListener());
        if (verbose) {
            probing = true;
            udpProbe(0, timeout == -1 ? 3 : timeout); // UDP_SCAN_TIMEOUT
        } else if (zero) {
            ret = 0; // Debian's nc tests a UDP port only under -v: -z alone connect()s, sends nothing and succeeds
            portIndex++;
            nextUdpPort();
        } else {
            ret = 0;
            udpReadwrite();
        }
    }

    /**
     * Debian's udptest(): write "X" twice, then once a second for the -w seconds (3 without -w); a write that
     * fails with ECONNREFUSED (an ICMP port unreachable came back) ends the test, silently.
     */
    private void udpProbe(int step, long seconds) {
        udpTimer = null;
        if (udpRefused) {
            udpRefused = false;
            probing = false;
            portIndex++;
            nextUdpPort();
            return;
        }
        sendUdp(new byte[] {'X'});
        if (step <= seconds) {
            long next = step == 0 ? 50_000L : 1_000_000_000L; // the second write follows at once (50 us recorded)
            udpTimer = ctx.at(ctx.now() + next, t -> udpProbe(step + 1, seconds));
            return;
        }
        probing = false;
        ret = 0;
        if (verbose) {
            String sv = numeric ? null : TcpdumpPrinter.udpService(ports.get(portIndex));
            ctx.err().println("Connection to " + hostShown() + " " + ports.get(portIndex) + " port [udp/"
                    + (sv != null ? sv : "*") + "] succeeded!");
            ctx.err().flush();
        }
        if (zero) {
            portIndex++;
            nextUdpPort();
            return;
        }
        udpReadwrite();
    }

    private boolean udpRefused, probing;

    /** readwrite(): stdin as one datagram, then poll() with the -w timeout until idle, refused, or interrupted. */
    private void udpReadwrite() {
        byte[] in = detachStdin ? new byte[0] : ctx.stdin();
        if (in.length > 0) {
            sendUdp(in);
        }
        armIdle();
    }

    private void armIdle() {
        if (udpTimer != null) {
            ctx.cancel(udpTimer);
            udpTimer = null;
        }
        if (timeout >= 0 && !listen) {
            udpTimer = ctx.at(ctx.now() + timeout * 1_000_000_000L, t -> {
                udpTimer = null;
                closeUdp();
                ctx.exit(ret);
            });
        }
    }

    private void sendUdp(byte[] data) {
        UdpSocket s = usock;
        Ipv4Address to = Ipv4Address.of(peer);
        // DF: IP_PMTUDISC_WANT, the default, on a connected socket (ip_dont_fragment())
        ctx.act(out -> ctx.stack().sendUdp(ctx.now(), s, src, to, peerPort, data, ctx.stack().defaultTtl(), 0,
                true, null, out));
    }

    private UdpSocket.Listener udpListener() {
        return new UdpSocket.Listener() {
            @Override
            public void datagram(long now, int from, int fromPort, int ttl, byte[] frame, int off, int len) {
                if (ctx.finished()) {
                    return;
                }
                if (!peerSet) {
                    peer = from; // connect() to the first sender, as netcat.c's listen mode does for UDP
                    peerPort = fromPort;
                    peerSet = true;
                    if (verbose) {
                        Ipv4Address a = Ipv4Address.of(from);
                        String name = numeric ? null : ctx.resolver().reverse(a);
                        ctx.err().println("Connection received on " + (name != null ? name : a.toString()) + " "
                                + fromPort);
                        ctx.err().flush();
                    }
                    udpReadwrite();
                } else if (from != peer || fromPort != peerPort) {
                    return; // a connected socket takes only its peer's datagrams
                }
                ctx.out().print(new String(frame, off, len, StandardCharsets.UTF_8));
                ctx.out().flush();
                armIdle();
            }

            @Override
            public void error(long now, int from, int type, int code, int info, int errDst, int dstPort,
                              int quotedTtl) {
                if (ctx.finished() || !peerSet || errDst != peer || dstPort != peerPort || type != 3) {
                    return;
                }
                if (!probing) {
                    closeUdp(); // readwrite(): the read gets ECONNREFUSED and returns
                    ctx.exit(ret);
                    return;
                }
                udpRefused = true; // the next write in udptest() fails
            }
        };
    }

    private void closeUdp() {
        if (udpTimer != null) {
            ctx.cancel(udpTimer);
            udpTimer = null;
        }
        if (usock != null) {
            ctx.stack().close(usock);
            usock = null;
        }
    }

    // ------------------------------------------------------------------------------------------- arguments

    /**
     * remote_connect()'s getaddrinfo() of -s (AI_PASSIVE: a name too) and bind(): inet_bind() wants one of the node's
     * addresses (ip_nonlocal_bind 0).
     */
    private boolean bindable() {
        if (source != null && src == null) {
            src = ctx.resolver().resolve(source);
            if (src == null) {
                fail("nc: getaddrinfo: Name or service not known");
                return false;
            }
        }
        if (src != null && src.bits() != 0 && !ctx.stack().isLocalAddress(src.bits())) {
            fail("nc: bind failed: " + Errno.EADDRNOTAVAIL.text);
            return false;
        }
        return true;
    }

    /** build_ports(): a port (a number or a service) or, from a digit on, a range lo-hi in either order. */
    private boolean ports(String arg) {
        int dash = arg.indexOf('-');
        if (!arg.isEmpty() && Character.isDigit(arg.charAt(0)) && dash > 0) {
            int b = port(arg.substring(dash + 1)); // the high end first, as build_ports() reads them
            if (b < 0) {
                return false;
            }
            int a = port(arg.substring(0, dash));
            if (a < 0) {
                return false;
            }
            for (int p = Math.min(a, b); p <= Math.max(a, b); p++) {
                ports.add(p);
            }
            return true;
        }
        int p = port(arg);
        if (p < 0) {
            return false;
        }
        ports.add(p);
        return true;
    }

    /** strtoport(): 1..65535 or the protocol's service (getservbyname()), else nc's message and exit 1; -1 then. */
    private int port(String s) {
        long v = number(s);
        if (v < 0) {
            int service = s == null ? -1 : NetDb.servicePort(s, udp ? "udp" : "tcp");
            if (service > 0) {
                return service;
            }
            fail("nc: port number invalid: " + s);
            return -1;
        }
        if (v < 1) {
            fail("nc: port number too small: " + s);
            return -1;
        }
        if (v > 65535) {
            fail("nc: port number too large: " + s);
            return -1;
        }
        return (int) v;
    }

    private static long number(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return s != null && s.length() > 9 && s.chars().allMatch(Character::isDigit) ? Long.MAX_VALUE : -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(s);
    }

    private void usage() {
        ctx.err().print(Usage.of("nc"));
        ctx.exit(1);
    }

    private void fail(String line) {
        ctx.err().println(line);
        ctx.exit(1);
    }
}
