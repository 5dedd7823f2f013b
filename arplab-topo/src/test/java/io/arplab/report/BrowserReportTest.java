package io.arplab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** The seed's report in a real headless Chromium: what a person sees and clicks. */
class BrowserReportTest {
    /** The README's screenshot; the test's viewport must match it within {@link #TOLERANCE}. */
    static final Path SCREENSHOT = Path.of("docs/report.png");
    static final double TOLERANCE = 0.02;
    private static ChromeDriver driver;
    private static List<LogEntry> consoleAtLoad;

    @BeforeAll
    static void open() throws IOException {
        String why = Browser.missing();
        assumeTrue(why == null, why);
        Path html = Files.createTempFile("arp-lab-report", ".html");
        Files.writeString(html, SeedRun.html(), StandardCharsets.UTF_8);
        html.toFile().deleteOnExit();
        driver = Browser.start(1400, 1000);
        driver.get(html.toUri().toString());
        consoleAtLoad = driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void loadsWithoutConsoleErrors() {
        assertThat(consoleAtLoad).filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
        assertThat(driver.findElement(By.tagName("body")).getAttribute("data-rendered-ms")).isNotNull();
    }

    @Test
    void theBroadcastRequestReachesNode2AndNode3AndNotNode4() {
        List<WebElement> first = driver.findElements(By.cssSelector("#ladder-body .hop[data-frame='1']"));
        Set<String> to = new LinkedHashSet<>();
        for (WebElement h : first) {
            to.add(h.getAttribute("data-to"));
            assertThat(h.getAttribute("class")).contains("bcast");
            assertThat(h.findElement(By.cssSelector("text")).getText())
                    .isEqualTo("ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28");
        }
        assertThat(first.get(0).getAttribute("data-from")).isEqualTo("node1");
        assertThat(to).contains("node2", "node3").doesNotContain("node4");
        assertThat(driver.findElements(By.cssSelector("#ladder-body .hop[data-to='node4'], #ladder-body .hop[data-from='node4']")))
                .isEmpty();
    }

    @Test
    void theUnicastReplyTheThreeEchoPairsAndNode3sLaterProbe() {
        List<String[]> hops = new ArrayList<>();
        for (WebElement h : driver.findElements(By.cssSelector("#ladder-body .hop"))) {
            hops.add(new String[] {h.getAttribute("data-from"), h.getAttribute("data-to"),
                    h.findElement(By.cssSelector("text")).getText(), h.getAttribute("class")});
        }
        assertThat(hops).anySatisfy(h -> {
            assertThat(h[0]).isEqualTo("node3");
            assertThat(h[2]).startsWith("ARP, Reply 172.28.0.13 is-at 02:42:ac:1c:00:0d");
            assertThat(h[3]).doesNotContain("bcast");
        });
        for (int seq = 1; seq <= 3; seq++) {
            String s = ", seq " + seq + ", length 64";
            assertThat(hops).filteredOn(h -> h[0].equals("node1") && h[2].endsWith("ICMP echo request, id 100" + s)).hasSize(1);
            assertThat(hops).filteredOn(h -> h[0].equals("node3") && h[2].endsWith("ICMP echo reply, id 100" + s)).hasSize(1);
        }
        assertThat(hops).filteredOn(h -> h[2].startsWith("ARP, Request who-has 172.28.0.11 tell 172.28.0.13"))
                .isNotEmpty().allSatisfy(h -> assertThat(h[3]).doesNotContain("bcast"))
                .first().satisfies(h -> assertThat(h[0]).isEqualTo("node3"));
    }

    @Test
    void clickingTheFirstFrameShowsItsFieldsAndTheTablesThen() {
        driver.findElement(By.cssSelector("#ladder-body .hop[data-hop='0'] text")).click();
        String frame = driver.findElement(By.id("frame")).getText();
        assertThat(frame).contains("Frame 1").contains("ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28")
                .contains("Opcode 1 (Request)").contains("Sender MAC address 02:42:ac:1c:00:0b")
                .contains("Sender IP address 172.28.0.11").contains("Target IP address 172.28.0.13")
                .contains("Destination ff:ff:ff:ff:ff:ff (broadcast)").contains("0x0000:");
        assertThat(driver.findElement(By.cssSelector("pre.neigh[data-host='node1']")).getText())
                .isEqualTo("172.28.0.13 dev eth0 INCOMPLETE");
        driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_RIGHT);
        assertThat(driver.findElement(By.id("now")).getText()).isEqualTo("t = 0.000005 s");
        assertThat(driver.findElement(By.cssSelector("pre.fdb[data-bridge='br-63496ca3db05']")).getText())
                .isEqualTo("02:42:ac:1c:00:0b dev vethd1db30e master br-63496ca3db05");
    }

    @Test
    void node3sTimelineShowsStaleThenDelayThenReachable() {
        List<String> states = new ArrayList<>();
        for (WebElement b : driver.findElements(By.cssSelector("rect.band[data-entry='node3 172.28.0.11']"))) {
            states.add(b.getAttribute("data-state"));
        }
        assertThat(states).containsSubsequence("STALE", "DELAY", "REACHABLE");
        assertThat(driver.findElement(By.cssSelector("rect.band[data-entry='node3 172.28.0.11'][data-state='PROBE'] title"))
                .getAttribute("textContent")).contains("unicast probe");
    }

    /** Regenerate with -Dreport.golden.update=true after an intended change to the page. */
    @Test
    void looksLikeTheStoredScreenshot() throws IOException {
        driver.navigate().refresh(); // as loaded: no selection from the other tests
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        if (Boolean.getBoolean("report.golden.update")) {
            Files.write(SCREENSHOT, png);
        }
        BufferedImage now = ImageIO.read(new ByteArrayInputStream(png));
        BufferedImage stored = ImageIO.read(SCREENSHOT.toFile());
        assertThat(now.getWidth()).isEqualTo(stored.getWidth());
        assertThat(now.getHeight()).isEqualTo(stored.getHeight());
        long differing = 0;
        for (int y = 0; y < now.getHeight(); y++) {
            for (int x = 0; x < now.getWidth(); x++) {
                int a = now.getRGB(x, y);
                int b = stored.getRGB(x, y);
                int d = Math.max(Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)),
                        Math.max(Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff)), Math.abs((a & 0xff) - (b & 0xff))));
                if (d > 48) {
                    differing++;
                }
            }
        }
        assertThat(differing / (double) (now.getWidth() * now.getHeight())).isLessThan(TOLERANCE);
    }
}
