package io.arplab.cli;

import io.arplab.report.ReportBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code arplab bench --report}: the N-host LAN's report, loaded three times in headless Chromium ({@code --dump-dom}
 * waits for the load); the page stamps how long it took from navigation to its first drawing, and a scroll to the middle.
 */
final class ReportLoad {
    private static final Pattern RENDERED = Pattern.compile("data-rendered-ms=\"(\\d+)\"");
    private static final Pattern SCROLL = Pattern.compile("data-scroll-ms=\"([0-9.]+)\"");

    private ReportLoad() {}

    static int measure(int hosts, long seed, Path file, PrintWriter out) {
        long t0 = System.nanoTime();
        ReportBench.Result r = ReportBench.run(hosts, seed);
        long built = System.nanoTime() - t0;
        ReportCommand.write(file, r.html());
        out.printf("hosts                 %d%n", hosts);
        out.printf("report                %s (%.1f MiB): %d frames, %d hops, %d neighbour entries%n", file,
                r.html().getBytes(StandardCharsets.UTF_8).length / 1048576.0, r.frames(), r.hops(), r.entries());
        out.printf("run and write         %.3f s%n", built / 1e9);
        String chromium = which("chromium", "chromium-browser", "google-chrome");
        if (chromium == null) {
            out.println("load in Chromium      not measured: no chromium on PATH (apt-get install chromium)");
            return 0;
        }
        for (int i = 1; i <= 3; i++) {
            long w0 = System.nanoTime();
            String dom = dumpDom(chromium, file.toAbsolutePath());
            long wall = System.nanoTime() - w0;
            Matcher m = RENDERED.matcher(dom);
            Matcher d = SCROLL.matcher(dom);
            out.printf("load %d                %s ms to first drawing (page's own clock), a jump to the middle %s ms, %.3f s for chromium to start, load and exit%n",
                    i, m.find() ? m.group(1) : "?", d.find() ? d.group(1) : "?", wall / 1e9);
        }
        return 0;
    }

    private static String dumpDom(String chromium, Path html) {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless=new", "--disable-gpu", "--no-sandbox",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--dump-dom", html.toUri() + "#measure"));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return dom;
        } catch (IOException e) {
            throw new UsageException(chromium + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String which(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String n : names) {
                if (Files.isExecutable(Path.of(dir, n))) {
                    return Path.of(dir, n).toString();
                }
            }
        }
        return null;
    }
}
