package dev.launch.ports;

import dev.launch.testing.NatProbeMain;
import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A port can accept connections with nothing bound to it here: a NAT rule (Docker's and
 * Kubernetes' port forwards work this way) sends it elsewhere. Every bind probe then succeeds,
 * and only the connect probe sees that the port is in use. The rule is made in a private
 * network namespace (root, unshare and iptables), so the machine's own network is untouched.
 */
class PortProbeConnectProbeTest {
    @Test
    void aPortThatAnswersOnlyThroughANatRuleIsBusy() throws Exception {
        assumeTrue(run("ip link set lo up && iptables -t nat -L OUTPUT >/dev/null").exit == 0,
                "needs root, unshare, ip and iptables for a private network namespace with a NAT rule");
        int port = TestPorts.freePort();
        int target = TestPorts.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result r = run("ip link set lo up && iptables -t nat -A OUTPUT -p tcp -d 127.0.0.1 --dport " + port
                + " -j REDIRECT --to-ports " + target + " && exec " + java + " -Xlog:disable -cp " + System.getProperty("java.class.path")
                + " " + NatProbeMain.class.getName() + " " + port + " " + target);
        assertEquals(0, r.exit, r.out);
        assertEquals("isFree=false probe=[listening on 127.0.0.1]", r.out.strip());
    }

    private record Result(int exit, String out) {}

    private static Result run(String script) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(List.of("unshare", "-n", "sh", "-c", script)).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return new Result(-1, e.getMessage());
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + " (timed out)");
        }
        return new Result(p.exitValue(), out);
    }
}
