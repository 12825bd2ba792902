package org.emflow.studio;

import java.nio.file.Path;
import org.emflow.sdk.NodeRegistry;

/** Starts a studio with the test nodes for manual checks: java -cp ... org.emflow.studio.TestStudioMain WORKSPACE PORT. */
public final class TestStudioMain {
    private TestStudioMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        StudioServer s = new StudioServer(NodeRegistry.discover(), new Workspace(Path.of(args[0])), args.length > 2 ? args[2] : null,
                "127.0.0.1", 2).start(Integer.parseInt(args[1]));
        System.out.println(s.loginUrl());
        Thread.currentThread().join();
    }
}
