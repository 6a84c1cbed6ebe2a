package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.cluster.ServerNode;
import org.apache.fluss.cluster.ServerType;

import java.util.List;
import java.util.Map;

/** Polls until the coordinator answers and N tablet servers are registered. */
final class WaitReady {
    private WaitReady() {}

    static int run(Map<String, String> a) throws Exception {
        int want = Integer.parseInt(a.getOrDefault("tablet-servers", "1"));
        long deadline = System.currentTimeMillis()
                + 1000L * Integer.parseInt(a.getOrDefault("timeout", "90"));
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = DataTool.connect(a)) {
                Admin admin = c.getAdmin();
                while (System.currentTimeMillis() < deadline) {
                    try {
                        admin.listDatabases().get();
                        List<ServerNode> nodes = admin.getServerNodes().get();
                        long ts = nodes.stream()
                                .filter(n -> n.serverType() == ServerType.TABLET_SERVER).count();
                        if (ts >= want) {
                            return 0;
                        }
                        last = "tablet servers registered: " + ts + "/" + want;
                    } catch (Exception e) {
                        last = String.valueOf(e.getCause() != null ? e.getCause() : e);
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                last = String.valueOf(e);
                Thread.sleep(200);
            }
        }
        System.err.println("wait-ready: timed out; last status: " + last);
        return 1;
    }
}
