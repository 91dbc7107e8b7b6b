package org.ancrage.neo4jserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts a Neo4j 5.26 community DBMS in this JVM, with Bolt on 127.0.0.1:PORT and
 * authentication enabled, for Ancrage's test suite.
 *
 * <pre>
 * java -jar target/neo4j-server.jar --port 7687 --data /tmp/neo4j-data [--stop-on-stdin-close]
 * </pre>
 *
 * The password of the user {@code neo4j} is read from the environment variable named by
 * {@code --password-env} (default {@code NEO4J_TEST_PASSWORD}) or given with {@code --password};
 * it must have at least 8 characters. Port 0 picks a free port. When the server listens, one line
 * {@code READY bolt://127.0.0.1:PORT} is printed on stdout. SIGTERM (or, with
 * {@code --stop-on-stdin-close}, the end of stdin) shuts the DBMS down cleanly and prints
 * {@code STOPPED}. Without {@code --data} the data lives in a temporary folder removed on exit.
 */
public final class Main {
    private static final String USAGE =
            "usage: java -jar neo4j-server.jar --port N [--data DIR] [--password P | --password-env VAR]"
            + " [--host 127.0.0.1] [--pagecache-mb 64] [--stop-on-stdin-close]";

    private Main() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Neo4j's own threads would keep a half-started JVM alive: say why and leave.
            System.err.println("neo4j-server: failed to start: " + e);
            e.printStackTrace();
            System.out.println("FAILED " + e.getMessage());
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int port = -1;
        String host = "127.0.0.1";
        String password = null;
        String passwordEnv = "NEO4J_TEST_PASSWORD";
        long pagecacheMb = 64;
        Path data = null;
        boolean watchStdin = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                case "--host" -> host = value(args, ++i, arg);
                case "--password" -> password = value(args, ++i, arg);
                case "--password-env" -> passwordEnv = value(args, ++i, arg);
                case "--pagecache-mb" -> pagecacheMb = Long.parseLong(value(args, ++i, arg));
                case "--data" -> data = Paths.get(value(args, ++i, arg));
                case "--stop-on-stdin-close" -> watchStdin = true;
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> die("unknown argument " + arg + "\n" + USAGE);
            }
        }
        if (port < 0 || port > 65535) {
            die("--port is required (0 picks a free port)\n" + USAGE);
        }
        if (password == null) {
            password = System.getenv(passwordEnv);
        }
        if (password == null || password.length() < 8) {
            die("a password of at least 8 characters is required: --password or the environment variable "
                    + passwordEnv);
        }
        boolean temporary = data == null;
        Path home = temporary ? Files.createTempDirectory("ancrage-neo4j-") : data.toAbsolutePath();
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024L * 1024L)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
                if (temporary) {
                    deleteTree(home);
                }
                System.out.println("STOPPED");
                System.out.flush();
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        try {
            setPassword(dbms, password);
        } catch (RuntimeException e) {
            System.err.println("neo4j-server: cannot set the password: " + e.getMessage());
            System.exit(1);
        }

        int actualPort = port;
        GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (neo4j instanceof GraphDatabaseAPI api) {
            ConnectorPortRegister ports =
                    api.getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
            var address = ports.getLocalAddress(ConnectorType.BOLT);
            if (address != null) {
                actualPort = address.getPort();
            }
        }
        System.out.println("READY bolt://" + host + ":" + actualPort);
        System.out.flush();

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buffer = new byte[256];
                    while (in.read(buffer) >= 0) {
                        // ignore input; only its end matters
                    }
                } catch (IOException ignored) {
                    // a broken stdin is an end too
                }
                System.exit(0);
            }, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    /**
     * The default user neo4j gets the given password, with no change required. On a restart on the
     * same data the password may already be set: "same password" is fine, anything else is an error.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null) {
                String message = String.valueOf(cause.getMessage());
                if (message.contains("Old password and new password cannot be the same")) {
                    return;
                }
                cause = cause.getCause();
            }
            throw e;
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            die(name + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static void die(String message) {
        System.err.println("neo4j-server: " + message);
        System.exit(2);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary folder
        }
    }
}
