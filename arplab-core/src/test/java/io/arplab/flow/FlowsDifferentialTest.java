package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays differential/flows.out, recorded from the real OVS 3.1 by src/test/scripts/record-flows.sh: each flow
 * added alone with OpenFlow 1.0 and 1.5, its exit code and stderr, and the dumps in OpenFlow 1.0, 1.3 and 1.5 (or
 * the versions a recording names: record-flows.sh's ADD and DUMP).
 */
class FlowsDifferentialTest {
    static final Path OUT = Path.of("src/test/resources/refdata/ovs/differential/flows.out");

    /** Lines not modelled (none now). */
    static final java.util.Set<String> KNOWN = java.util.Set.of();

    /**
     * Modelled among the refusals: a flow with debug_recirc or debug_slow, installed but refused by ovs-ofctl's dump
     * (OFPBAC_BAD_VENDOR_TYPE, the actions hex-dumped: FlowStatsFormat.decodeReply()) or quoted back undecodable,
     * and push_mpls of a non-MPLS Ethertype; the switch's decode-time refusals (FlowModDecode.decodeError()): a ct()
     * without commit nesting more than a bare nat, a masked Set-Field with 1-bits outside its mask
     * (OFPBMC_BAD_WILDCARDS), a load or set_field into a read-only field or a Set-Field of an invalid value
     * (OFPBAC_BAD_SET_ARGUMENT), each quoted back as the hex dump of the flow_mod OfpEncode puts; the match's
     * OFPBMC_BAD_PREREQ and OFPBMC_BAD_VALUE (FlowModDecode.matchError()), OpenFlow 1.0's mod_nw_ttl or mod_nw_ecn decoded
     * as a set_field the match lacks the prerequisites of (OFPBAC_MATCH_INCONSISTENT, FlowModDecode.consistencyError());
     * a goto_table to an earlier table (OFPBIC_BAD_TABLE_ID, FlowModDecode.gotoTableError()); OpenFlow 1.0's write_metadata
     * and goto_table decoded out of instruction order (OFPBAC_UNSUPPORTED_ORDER, sent as NXBRC_UNENCODABLE_ERROR).
     */
    static boolean modelled(Case c) {
        return !KNOWN.contains(c.line());
    }

    record Case(String version, String line, String expected) {}

    /**
     * flows.out, ipv6.out (IPv6, SCTP and MPLS by hand) and the seeded random campaigns (src/test/scripts/gen-flows.py
     * SEED COUNT [MODE] > random-SEED.in, or random-SEED-MODE.in for a seed drawn in several modes).
     */
    static List<Path> recordings() throws IOException {
        List<Path> out = new ArrayList<>(List.of(OUT));
        try (var s = Files.list(OUT.getParent())) {
            s.filter(p -> p.getFileName().toString()
                    .matches("random-\\d+(-[a-z0-9]+)*\\.out|ipv6\\.out|l4-wire\\.out|l3-l2\\.out")).sorted()
                    .forEach(out::add);
        }
        return out;
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (Path p : recordings()) {
            out.addAll(cases(Files.readString(p)));
        }
        return out;
    }

    static List<Case> cases(String recorded) {
        List<Case> out = new ArrayList<>();
        String[] blocks = recorded.split("(?m)^### ");
        for (String b : blocks) {
            if (b.isEmpty()) {
                continue;
            }
            int nl = b.indexOf('\n');
            String head = b.substring(0, nl);
            int sp = head.indexOf(' ');
            String expected = b.substring(nl + 1).replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT[0-9:]{8}Z\\|", "TIME|");
            out.add(new Case(head.substring(0, sp), head.substring(sp + 1), expected));
        }
        return out;
    }

    static String run(Case c) {
        OfVersion v = OfVersion.byName(c.version());
        StringBuilder s = new StringBuilder();
        Ofproto br = new Ofproto("br0", 0xaabbccddee01L, 1); // ovs-oracle.sh's bridge: no ports, groups or meters
        int rc = 0;
        List<String> err = new ArrayList<>();
        try {
            FlowMod fm = FlowParser.parse(c.line(), FlowMod.Command.ADD, PortMap.NONE);
            for (String l : fm.log()) {
                err.add(String.format("TIME|%05d|%s", err.size() + 1, l));
            }
            String usable = fm.usableError(v);
            if (usable != null) {
                throw new FlowParseException(usable);
            }
            String error = br.flowMod(fm, v, 0); // as ovs-ofctl add-flow sends it, the switch's refusal
            if (error != null) {
                int xid = FlowStatsFormat.flowModXid(v, (fm.usable() & FlowMod.P_OF10) == 0, fm.table() != 255, 0);
                for (String l : FlowStatsFormat.flowModErrorLog(fm, v, error)) {
                    err.add(String.format("TIME|%05d|%s", err.size() + 1, l));
                }
                err.addAll(FlowStatsFormat.flowModError(fm, v, error, xid));
                rc = 1;
            }
        } catch (FlowParseException e) {
            for (String l : e.log) {
                err.add(String.format("TIME|%05d|%s", err.size() + 1, l));
            }
            err.add("ovs-ofctl: " + e.getMessage());
            rc = 1;
        } catch (ActionCheckException e) {
            for (String l : e.log) {
                err.add(String.format("TIME|%05d|%s", err.size() + 1, l));
            }
            err.add("ovs-ofctl: " + e.getMessage());
            rc = 1;
        }
        s.append("rc=").append(rc).append('\n');
        for (String l : err) {
            s.append(l).append('\n');
        }
        for (OfVersion d : dumpVersions(c.expected())) {
            s.append("--- ").append(d.protocolName).append('\n');
            int seq = 1;
            var reply = FlowStatsFormat.decodeReply(br.tables.all(), d); // decoded whole before ovs-ofctl prints it
            for (String l : reply.log()) {
                s.append(String.format("TIME|%05d|%s", seq++, l)).append('\n');
            }
            if (reply.error() != null) {
                s.append("ovs-ofctl: ").append(reply.error()).append('\n');
                continue;
            }
            for (Rule r : br.tables.all()) {
                s.append(' ').append(FlowStatsFormat.format(r, d, false, PortMap.NONE, 0)).append('\n');
            }
        }
        return s.toString();
    }

    // the versions the recording dumped with, in its order (record-flows.sh's DUMP: OpenFlow 1.0, 1.3, 1.5 unless named)
    private static List<OfVersion> dumpVersions(String expected) {
        List<OfVersion> out = new ArrayList<>();
        for (String l : expected.split("\n")) {
            if (l.startsWith("--- ")) {
                out.add(OfVersion.byName(l.substring(4)));
            }
        }
        return out;
    }

    @Test
    void everyRecordedFlowIsParsedAndPrintedAsOvsDoes() throws IOException {
        List<String> failures = new ArrayList<>();
        List<Case> cases = cases();
        int skipped = 0;
        for (Case c : cases) {
            if (!modelled(c)) {
                skipped++;
                continue;
            }
            String got;
            try {
                got = run(c);
            } catch (RuntimeException e) {
                got = e.toString();
            }
            if (!got.equals(c.expected())) {
                failures.add("### " + c.version() + " " + c.line() + "\n--- expected\n" + c.expected() + "--- got\n" + got);
            }
        }
        System.out.println("flows differential: " + (cases.size() - skipped - failures.size()) + "/"
                + (cases.size() - skipped) + " pass, " + skipped + " not modelled");
        Files.createDirectories(Path.of("target")); // the differences in full, for reading
        Files.writeString(Path.of("target/differential.diff"), String.join("\n", failures));
        assertThat(failures).isEmpty();
    }
}
