package org.statestore.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds (or wants) the lease: a random id unique to this process's attempt, plus host, process id
 * and command so an operator can tell which pod it is.
 */
public record Holder(String id, String host, long pid, String command) {

    public Holder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(command, "command");
    }

    /** This process, running {@code command}. */
    public static Holder thisProcess(String command) {
        return new Holder(UUID.randomUUID().toString(), hostName(), ProcessHandle.current().pid(), command);
    }

    /** This machine's name as holders and {@code installed_by} record it: {@code HOSTNAME} (a pod's name), else the resolver's. */
    public static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public String toString() {
        return command + " on " + host + " (pid " + pid + ")";
    }
}
