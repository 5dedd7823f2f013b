package io.arplab.report;

import java.io.File;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Debian's headless Chromium through its chromedriver (never a downloaded browser), or why it cannot run. */
final class Browser {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");

    private Browser() {}

    /** Null when the browser can run here, else the reason for skipping. */
    static String missing() {
        if (!CHROMIUM.canExecute() || !DRIVER.canExecute()) {
            return "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)";
        }
        return null;
    }

    static ChromeDriver start(int width, int height) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=" + width + "," + height,
                "--font-render-hinting=none", "--allow-file-access-from-files"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build();
        return new ChromeDriver(service, o);
    }
}
