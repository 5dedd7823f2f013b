package io.arplab.junit;

import static io.arplab.junit.ArpLabAssertions.arpRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.arplab.api.Lab;
import io.arplab.api.Node;
import io.arplab.wire.pcap.CaptureReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The extension as a user's test meets it: fixture classes run through the JUnit launcher, their outcome read back. */
class ArpLabExtensionTest {
    /** Labs the fixtures saw, to check they were closed. */
    static Lab seen;

    @TempDir
    Path output;
    private String before;

    @BeforeEach
    void outputToTempDir() {
        before = System.getProperty("arplab.junit.output");
        System.setProperty("arplab.junit.output", output.toString());
        seen = null;
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("arplab.junit.output");
        } else {
            System.setProperty("arplab.junit.output", before);
        }
    }

    @ArpLab(file = "examples/arp-lab/lab.yaml", seed = 42)
    static class Injected {
        @Test
        void labAndNodes(Lab lab, @LabNode("node1") Node node1, @LabNode("node3") Node node3) {
            seen = lab;
            assertThat(lab.node("node1")).isSameAs(node1);
            assertThat(node1.ping(node3.address().toString(), 1).received()).isEqualTo(1);
        }
    }

    static class FromClassPath {
        @Test
        @ArpLab(file = "junit/two-hosts.yaml")
        void methodAnnotation(@LabNode("b") Node b) {
            assertThat(b.address().toString()).isEqualTo("10.9.0.3");
        }
    }

    @ArpLab(file = "examples/arp-lab/lab.yaml")
    static class Failing {
        @Test
        void expectsOnlyTheRequest(Lab lab) {
            seen = lab;
            lab.node("node1").ping("node3", 1);
            ArpLabAssertions.assertThat(lab.capture("node1", "eth0")).filter("arp")
                    .containsExactly(arpRequest().who("172.28.0.13").tell("172.28.0.11"));
        }
    }

    @ArpLab(file = "examples/arp-lab/lab.yaml")
    static class FailingAfterEach {
        @org.junit.jupiter.api.AfterEach
        void check(@LabNode("node4") Node node4) {
            assertThat(node4.capture("eth0")).isNotEmpty();
        }

        @Test
        void quiet(Lab lab) {
            lab.node("node1").ping("node3", 1);
        }
    }

    static class Registered {
        @RegisterExtension
        static ArpLabExtension arplab = ArpLabExtension.builder()
                .lab(() -> Lab.builder().seed(3).network("lan", "10.1.0.0/24").host("a", "lan").host("b", "lan").build())
                .build();

        @Test
        void inCode(@LabNode("a") Node a) {
            assertThat(arplab.lab().node("a")).isSameAs(a);
            assertThat(a.ping("10.1.0.3", 1).received()).isEqualTo(1);
        }
    }

    static class Unknown {
        @Test
        @ArpLab(file = "examples/arp-lab/lab.yaml")
        void noSuchNode(@LabNode("node9") Node n) {
        }
    }

    private static TestExecutionSummary run(Class<?> fixture) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), listener);
        return listener.getSummary();
    }

    @Test
    void injectsTheLabAndItsNodesAndClosesTheLabAfterwards() {
        TestExecutionSummary s = run(Injected.class);
        assertThat(s.getFailures()).isEmpty();
        assertThat(s.getTestsSucceededCount()).isEqualTo(1);
        assertThatThrownBy(() -> seen.node("node1")).hasMessage("the lab is closed");
    }

    @Test
    void findsTheLabFileOnTheClassPathFromAMethodAnnotation() {
        TestExecutionSummary s = run(FromClassPath.class);
        assertThat(s.getFailures()).isEmpty();
        assertThat(s.getTestsSucceededCount()).isEqualTo(1);
    }

    @Test
    void aRegisteredExtensionMakesItsLabInCode() {
        TestExecutionSummary s = run(Registered.class);
        assertThat(s.getFailures()).isEmpty();
        assertThat(s.getTestsSucceededCount()).isEqualTo(1);
    }

    @Test
    void anUnknownNodeFailsTheTestNamingIt() {
        TestExecutionSummary s = run(Unknown.class);
        assertThat(s.getFailures()).singleElement().satisfies(f -> assertThat(f.getException().getMessage())
                .isEqualTo("@LabNode(\"node9\"): unknown node 'node9' (nodes: host node1 node2 node3 node4)"));
    }

    @Test
    void aFailureLeavesThePcapsTraceAndReportAndNamesThem() throws Exception {
        TestExecutionSummary s = run(Failing.class);
        assertThat(s.getFailures()).hasSize(1);
        Throwable failure = s.getFailures().get(0).getException();
        // the message prints the frames as tcpdump does, the unexpected one marked
        assertThat(failure.getMessage()).isEqualTo("""
                capture of node1 eth0 (arp): expected exactly
                  ARP, Request who-has 172.28.0.13 tell 172.28.0.11
                but it has 2 frames (the first difference at 2)
                  %s
                > %s
                """.formatted(seen.capture("node1", "eth0").get(0), seen.capture("node1", "eth0").get(1)));
        Path dir = output.resolve(Failing.class.getName()).resolve("expectsOnlyTheRequest");
        assertThat(failure.getSuppressed()).singleElement().satisfies(e -> assertThat(e.getMessage()).isEqualTo(
                "arplab: the lab's captures, trace and report are in " + dir
                        + ": node1.pcap node2.pcap node3.pcap node4.pcap trace.txt report.html"));
        try (CaptureReader r = CaptureReader.open(dir.resolve("node1.pcap"))) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertThat(n).isEqualTo(seen.capture("node1", "eth0").size());
        }
        assertThat(Files.readString(dir.resolve("trace.txt"))).contains("neigh_update");
        assertThat(Files.readString(dir.resolve("report.html"))).startsWith("<!DOCTYPE html>");
        assertThatThrownBy(() -> seen.node("node1")).hasMessage("the lab is closed");
    }

    @Test
    void aFailingAfterEachMethodLeavesTheEvidenceToo() {
        TestExecutionSummary s = run(FailingAfterEach.class);
        assertThat(s.getFailures()).singleElement().satisfies(f -> assertThat(f.getException().getSuppressed())
                .singleElement().satisfies(e -> assertThat(e.getMessage()).startsWith(
                        "arplab: the lab's captures, trace and report are in "
                                + output.resolve(FailingAfterEach.class.getName()).resolve("quiet"))));
        assertThat(output.resolve(FailingAfterEach.class.getName()).resolve("quiet").resolve("node4.pcap")).exists();
    }

    @Test
    void passingTestsLeaveNothingBehind() {
        run(Injected.class);
        assertThat(output.resolve(Injected.class.getName())).doesNotExist();
        assertThat(List.of(output.toFile().list())).isEmpty();
    }
}
