package org.ancrage.fusekiserver;

import java.io.IOException;
import java.io.InputStream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;

/**
 * Starts Apache Jena Fuseki 5.6 in this JVM, on 127.0.0.1 only, with one TDB2 dataset at
 * {@code /ds} (SPARQL query, update and Graph Store protocol, read and write), for Ancrage's
 * test suite.
 *
 * <pre>
 * java -jar target/fuseki-server.jar --port 0 [--loc DIR] [--union] [--stop-on-stdin-close]
 * </pre>
 *
 * Port 0 picks a free port. Without {@code --loc} the TDB2 dataset lives in memory.
 * {@code --union} makes the default graph the union of the named graphs (TDB2's
 * {@code unionDefaultGraph}). When the server listens, one line
 * {@code READY http://127.0.0.1:PORT/ds} is printed on stdout. SIGTERM (or, with
 * {@code --stop-on-stdin-close}, the end of stdin) stops it.
 */
public final class Main {
    private static final String USAGE =
            "usage: java -jar fuseki-server.jar [--port N] [--loc DIR] [--union] [--stop-on-stdin-close]";

    private Main() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            System.err.println("fuseki-server: failed to start: " + e);
            e.printStackTrace();
            System.out.println("FAILED " + e.getMessage());
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int port = 0;
        String location = null;
        boolean union = false;
        boolean watchStdin = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                case "--loc" -> location = value(args, ++i, arg);
                case "--union" -> union = true;
                case "--stop-on-stdin-close" -> watchStdin = true;
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        DatasetGraph dataset = location == null ? DatabaseMgr.createDatasetGraph()
                                                : DatabaseMgr.connectDatasetGraph(location);
        if (union) {
            dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        }
        FusekiServer server = FusekiServer.create()
                .port(port)
                .loopback(true)
                .add("/ds", dataset, true)
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            System.out.println("STOPPED");
            System.out.flush();
        }, "fuseki-shutdown"));
        System.out.println("READY http://127.0.0.1:" + server.getHttpPort() + "/ds");
        System.out.flush();
        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    while (in.read() >= 0) {
                        // wait for the end of stdin: the parent process is gone
                    }
                } catch (IOException ignored) {
                    // same as the end of stdin
                }
                System.exit(0);
            }, "stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        server.join();
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
