package io.arplab.tools.nft;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Hook;
import io.arplab.stack.nft.Nftables;
import io.arplab.stack.nft.Packet;
import io.arplab.testing.Frames;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of nft's parser and evaluation: any text (a command line or a ruleset file) is applied or
 * refused with nft's errors, each rendered with its location; the ruleset it leaves prints and evaluates frames at
 * every hook; a failed transaction leaves the ruleset as it was. Nothing else may escape.
 */
class NftParserFuzzTest {
    private static final NftPrinter.Listing HANDLES = new NftPrinter.Listing(true, false, false, false, 0, false);

    private static final byte[] ARP = Frames.eth(Frames.BCAST, "02:42:ac:1c:00:0b", 0x0806,
            Frames.arp(1, "02:42:ac:1c:00:0b", "172.28.0.11", "00:00:00:00:00:00", "172.28.0.1"));
    private static final byte[] ICMP = Frames.eth("02:42:ac:1c:00:0b", "02:42:ac:1c:00:0d", 0x0800,
            Frames.ipv4("172.28.0.13", "172.28.0.11", 1, Frames.icmp(8, 0, 1, new byte[8])));

    @FuzzTest
    void appliesOrRefuses(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Nftables nft = new Nftables();
        new NftParser(nft, "table arp filter { set s { type ipv4_addr; }\n chain input { type filter hook input"
                + " priority 0; } }", NftPrinter.Listing.PLAIN, new StringBuilder()).run();
        String before = NftPrinter.ruleset(nft, HANDLES);
        Nftables.Snapshot snapshot = nft.begin();
        StringBuilder out = new StringBuilder();
        List<NftError> errors = new NftParser(nft, text, HANDLES, out).run();
        for (NftError e : errors) {
            assertThat(e.render(text, "f.nft")).startsWith("f.nft:").endsWith("\n");
            assertThat(e.render(text, null)).startsWith("Error: ");
        }
        NftPrinter.ruleset(nft, HANDLES);
        Packet p = new Packet();
        for (Family f : Family.values()) {
            for (Hook h : f.hooks) {
                nft.accept(f, h, p.set(ARP, 14, "eth0", null, 1, 0x0806));
                nft.accept(f, h, p.set(ICMP, 14, null, "eth0", 0, 0x0800));
            }
        }
        if (!errors.isEmpty()) {
            nft.abort(snapshot, errors.get(0).phase() == NftError.Phase.KERNEL);
            assertThat(NftPrinter.ruleset(nft, HANDLES)).isEqualTo(before);
        }
    }
}
