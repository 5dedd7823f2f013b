package io.arplab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

/**
 * An Open vSwitch lab's report in a real headless Chromium: its tables panel shows br-int's MAC learning table as
 * {@code ovs-appctl fdb/show br-int} prints it (NORMAL learned the pods from their ARP), not a Linux bridge's fdb.
 */
class BrowserOvsReportTest {
    @Test
    void theTablesPanelShowsWhatFdbShowPrints() throws IOException {
        String why = Browser.missing();
        assumeTrue(why == null, why);
        // pod1 asks for pod2: table 20 sends the ARP to NORMAL, which learns pod1's MAC, floods, and learns pod2's
        // from the reply; fdb/show then prints both, learned in its own second (age 0)
        SeedRun.Run run = SeedRun.run(Path.of("examples/antrea-node/lab.yaml"), "pod1 arping -c1 -w1 10.222.1.48",
                "ovs-appctl fdb/show br-int");
        String fdbShow = run.output().substring(run.output().indexOf(" port  VLAN  MAC"));
        List<String> rows = fdbShow.lines().toList();
        assertThat(rows).hasSize(3);
        Path html = Files.createTempFile("antrea-node-report", ".html");
        Files.writeString(html, run.html(), StandardCharsets.UTF_8);
        html.toFile().deleteOnExit();
        ChromeDriver driver = Browser.start(1400, 1000);
        try {
            driver.get(html.toUri().toString());
            assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                    .filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
            // every frame's label ends before the neighbour-state bands begin and inside the ladder: none runs over
            // a band or is cut off (a small lab's lanes are narrower than its labels)
            Object overrun = driver.executeScript("const bands = [...document.querySelectorAll('#ladder-body rect.band')]"
                    + ".map(r => r.getBBox().x); const body = document.getElementById('ladder-body');"
                    + "const limit = Math.min(+body.getAttribute('width'), ...bands);"
                    + "return [...document.querySelectorAll('#ladder-body .hop text')]"
                    + ".filter(t => t.getBBox().x + t.getBBox().width > limit).length;");
            assertThat(((Number) overrun).intValue()).isZero();
            assertThat(driver.findElements(By.cssSelector("#ladder-body rect.band"))).isNotEmpty();
            List<WebElement> hops = driver.findElements(By.cssSelector("#ladder-body .hop text"));
            hops.get(hops.size() - 1).click(); // the last frame: both entries learned, in fdb/show's second
            String panel = driver.findElement(By.cssSelector("pre.fdb[data-bridge='br-int']")).getText();
            assertThat(panel.lines().toList()).containsExactlyElementsOf(rows);
            // pod1's request as br-int floods it (the page draws its rows again after a click): NORMAL has learned
            // pod1 alone
            driver.findElement(By.cssSelector("#ladder-body .hop[data-from='br-int'] text")).click();
            assertThat(driver.findElement(By.cssSelector("pre.fdb[data-bridge='br-int']")).getText().lines().toList())
                    .containsExactly(rows.get(0), rows.get(1));
            assertThat(driver.findElements(By.xpath("//h3[text()='bridge fdb show br br-int (learned entries)']")))
                    .isEmpty();
        } finally {
            driver.quit();
        }
    }
}
