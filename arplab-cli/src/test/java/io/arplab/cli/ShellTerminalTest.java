package io.arplab.cli;

import static io.arplab.cli.Arplab.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `arplab shell` in a real terminal (a tmux pane): keys typed as a person types them, the screen read back. */
class ShellTerminalTest {
    @TempDir
    Path tmp;

    private final String session = "arplab-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @AfterEach
    void killSession() throws Exception {
        tmux("kill-session", "-t", session);
    }

    @Test
    void ctrlCInterruptsTheCommandJobsRunAndCtrlDLeaves() throws Exception {
        assumeTrue(RunCommandTest.onPath("tmux"), "tmux not installed (apt-get install tmux)");
        StringBuilder cmd = new StringBuilder("cd '" + tmp + "' && HOME='" + tmp + "' TERM=xterm");
        for (String w : Arplab.command("shell", COMPOSE, "--pcap-dir", "none")) {
            cmd.append(" '").append(w).append('\'');
        }
        cmd.append("; echo \"EXITED $?\"; sleep 60");
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", cmd.toString());
        waitFor("arplab [0.000s]> ");

        // a ping without -c runs at the wall clock's pace until Ctrl-C, then prints its statistics
        type("node1 ping node3", "Enter");
        waitFor("icmp_seq=2 ");
        assertThat(screen()).doesNotContain("icmp_seq=9 ");
        keys("C-c");
        waitFor("--- node3 ping statistics ---");
        waitFor("rtt min/avg/max/mdev");
        assertThat(lastLine()).matches("arplab \\[[0-9]+\\.[0-9]{3}s]> ");
        assertThat(screen()).doesNotContain("EXITED");

        // Ctrl-C at the prompt clears the line; the lab goes on
        type("node1 frobnicate");
        waitFor("> node1 frobnicate");
        keys("C-c");
        waitForPrompt();
        type("time", "Enter");
        waitFor(" s\n");
        assertThat(screen()).doesNotContain("command not found");

        // a background job: [1] PID, its lines marked with its node as they come, jobs, kill
        type("node1 ping -i 0.5 node3 &", "Enter");
        waitFor("[1] 1");
        type("jobs", "Enter");
        waitFor("[1]+  Running                 node1 ping -i 0.5 node3 &");
        type("sleep 1", "Enter");
        waitFor("[node1] 64 bytes from node3.arp_lan (172.28.0.13): icmp_seq=2 ");
        type("kill %1", "Enter");
        waitFor("[1]+  Terminated              node1 ping -i 0.5 node3");

        // a typo gets a suggestion
        type("nod1 arp -an", "Enter");
        waitFor("unknown node or command 'nod1': did you mean node1?");
        waitForAfter("did you mean node1?", "arplab ["); // the next prompt: the reader waits for the key

        keys("C-d");
        waitFor("EXITED 0");
    }

    @Test
    void tabCompletesToolsTheirWordsOptionsAndTargets() throws Exception {
        assumeTrue(RunCommandTest.onPath("tmux"), "tmux not installed (apt-get install tmux)");
        StringBuilder cmd = new StringBuilder("cd '" + tmp + "' && HOME='" + tmp + "' TERM=xterm");
        for (String w : Arplab.command("shell", COMPOSE, "--pcap-dir", "none")) {
            cmd.append(" '").append(w).append('\'');
        }
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", cmd.toString());
        waitFor("arplab [0.000s]> ");

        // the objects a prefix can mean, then a word expands to the full one, then the object's commands
        type("node1 ip n", "Tab");
        waitFor("neighbour   ntable");
        type("e", "Tab");
        waitFor("> node1 ip neighbour ");
        type("sh", "Tab");
        waitFor("> node1 ip neighbour show ");
        type("dev e", "Tab");
        waitFor("> node1 ip neighbour show dev eth0 ");
        type("", "Enter");
        waitForPrompt();

        // an option's argument: the node's interfaces; a target: the lab's addresses
        type("node1 arping -I l", "Tab");
        waitFor("> node1 arping -I lo ");
        type("172.28.0.1", "Tab", "Tab");
        waitFor("172.28.0.12");
        keys("C-c");
        waitForPrompt();

        // options of the tool, from its own getopt string
        type("node1 ping -", "Tab", "Tab");
        waitFor("-W");
        keys("C-c");
        waitForPrompt();

        // help TOOL completes tools
        type("help arp-s", "Tab");
        waitFor("> help arp-scan ");
        keys("C-c");
        waitForPrompt();
        keys("C-d");
    }

    private void type(String text, String... then) throws Exception {
        tmux("send-keys", "-t", session, "-l", text);
        for (String k : then) {
            keys(k);
        }
    }

    private void keys(String key) throws Exception {
        tmux("send-keys", "-t", session, key);
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-J", "-t", session, "-S", "-500");
    }

    private String lastLine() throws Exception {
        List<String> lines = new ArrayList<>(screen().lines().filter(l -> !l.isBlank()).toList());
        String last = lines.get(lines.size() - 1);
        return last.endsWith(">") ? last + " " : last;
    }

    private void waitForPrompt() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!lastLine().matches("arplab \\[[0-9]+\\.[0-9]{3}s]> ")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no prompt:\n" + screen());
            }
            Thread.sleep(100);
        }
    }

    // text on the screen after the first occurrence of marker
    private void waitForAfter(String marker, String text) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            String screen = screen();
            int at = screen.indexOf(marker);
            if (at >= 0 && screen.indexOf(text, at) >= 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' after '" + marker + "' on the screen:\n" + screen());
    }

    private void waitFor(String text) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (screen().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' on the screen:\n" + screen());
    }

    /**
     * A tmux server of the test's own, its socket in the test's directory (gone with it): the default socket is
     * shared with every other run on the machine.
     */
    private String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", tmp.resolve("tmux").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
