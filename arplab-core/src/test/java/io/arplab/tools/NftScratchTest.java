package io.arplab.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NftScratchTest {
    @Test
    void scratch() throws Exception {
        String f = System.getProperty("scratch");
        if (f == null) {
            return;
        }
        SecurityLab s = new SecurityLab();
        s.lab.setWorkDir(NftRecordingTest.DIR);
        Files.writeString(Path.of(f + ".got"), NftRecordingTest.replay(s, Files.readString(Path.of(f))));
    }
}
