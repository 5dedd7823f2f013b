package io.arplab.api;

/**
 * How a command run in a node ended: its exit status and what it printed, exactly as the tool printed it.
 *
 * @param node        the node it ran on
 * @param commandLine the command as given ({@code "ip -s neigh"})
 * @param exitCode    the exit status the real tool gives (127: no such command)
 * @param stdout      what it printed on standard output
 * @param stderr      what it printed on standard error
 */
public record ExecResult(String node, String commandLine, int exitCode, String stdout, String stderr) {
    /** Whether it exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
