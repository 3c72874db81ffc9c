package io.timelapse.distribution;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Slurm for {@code localhost} in a folder of its own: munged, slurmctld and slurmd with
 * their own key, socket, ports, state and logs, started as child processes and stopped by process
 * id. {@code src/test/slurm/install.sh} installs Slurm and munge first when they are missing.
 */
final class LocalSlurm implements AutoCloseable {

    private static final Path INSTALLER = Path.of(System.getProperty("timelapse.slurmInstaller", "src/test/slurm/install.sh"));
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path directory;
    private final List<Process> daemons = new ArrayList<>();

    private LocalSlurm(Path directory) {
        this.directory = directory;
    }

    /**
     * Installs Slurm when needed and starts it. Where Slurm is missing and this user cannot install it (not root), the
     * calling test fails saying so: the cluster commands are then untested, which must not pass unseen.
     */
    static LocalSlurm start(Path directory) throws IOException, InterruptedException {
        install();
        LocalSlurm slurm = new LocalSlurm(directory);
        try {
            slurm.startDaemons();
            return slurm;
        } catch (Throwable e) {
            slurm.close();
            throw e;
        }
    }

    /** What a client needs to reach this Slurm: {@code SLURM_CONF}. */
    Map<String, String> environment() {
        return Map.of("SLURM_CONF", directory.resolve("slurm.conf").toString());
    }

    /** Runs one of Slurm's commands against this Slurm and returns what it printed; a failure is an assertion error. */
    String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output + logs());
        }
        return output;
    }

    /** The tail of each daemon's log, for a failure message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (String log : List.of("munged.log", "slurmctld.log", "slurmd.log")) {
            try {
                List<String> lines = Files.readAllLines(directory.resolve(log));
                text.append("\n--- ").append(log).append('\n').append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            } catch (IOException e) {
                text.append("\n--- ").append(log).append(": ").append(e.getMessage());
            }
        }
        return text.toString();
    }

    private static void install() throws IOException, InterruptedException {
        Process installer = new ProcessBuilder("sh", INSTALLER.toString()).inheritIO().start();
        if (!installer.waitFor(15, TimeUnit.MINUTES)) {
            installer.destroyForcibly();
            throw new AssertionError(INSTALLER + " did not finish within 15 minutes");
        }
        if (installer.exitValue() == 3) {
            throw new AssertionError("Slurm is not installed and only root can install it: run `apt-get install slurm-wlm munge` "
                    + "as root, or the tests as root (as CI does)");
        }
        if (installer.exitValue() != 0) {
            throw new AssertionError(INSTALLER + " could not install slurm-wlm and munge (exit " + installer.exitValue() + ")");
        }
    }

    private void startDaemons() throws IOException, InterruptedException {
        // munged refuses a socket folder that others cannot enter, and a key that is not the daemon user's alone.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path munge = Files.createDirectories(directory.resolve("munge"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwxr-xr-x"));
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Files.write(munge.resolve("munge.key"), key);
        Files.setPosixFilePermissions(munge.resolve("munge.key"), PosixFilePermissions.fromString("rw-------"));
        Path socket = munge.resolve("munge.socket");
        daemon("munged.out", sbin("munged"), "-F", "--key-file=" + munge.resolve("munge.key"), "--socket=" + socket,
                "--pid-file=" + munge.resolve("munged.pid"), "--log-file=" + directory.resolve("munged.log"),
                "--seed-file=" + munge.resolve("munged.seed"));
        awaitFile(socket);
        Path conf = writeConfiguration(socket);
        daemon("slurmctld.out", sbin("slurmctld"), "-D", "-f", conf.toString());
        daemon("slurmd.out", sbin("slurmd"), "-D", "-N", "localhost", "-f", conf.toString());
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!isIdle()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the local Slurm did not come up within " + STARTUP.toSeconds() + " s" + logs());
            }
            Thread.sleep(200);
        }
    }

    private Path writeConfiguration(Path socket) throws IOException {
        String conf = """
                ClusterName=timelapse-it
                SlurmctldHost=localhost(127.0.0.1)
                SlurmctldPort=%d
                SlurmdPort=%d
                AuthType=auth/munge
                AuthInfo=socket=%s
                SlurmUser=root
                SlurmdUser=root
                StateSaveLocation=%s
                SlurmdSpoolDir=%s
                SlurmctldPidFile=%s
                SlurmdPidFile=%s
                SlurmctldLogFile=%s
                SlurmdLogFile=%s
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SchedulerType=sched/builtin
                SelectType=select/cons_tres
                SelectTypeParameters=CR_CPU
                ReturnToService=2
                MpiDefault=none
                JobCompType=jobcomp/none
                AccountingStorageType=accounting_storage/none
                JobAcctGatherType=jobacct_gather/none
                SlurmdParameters=config_overrides
                KillWait=5
                NodeName=localhost NodeAddr=127.0.0.1 CPUs=4 RealMemory=8192 State=UNKNOWN
                PartitionName=it Nodes=localhost Default=YES MaxTime=INFINITE State=UP
                """.formatted(freePort(), freePort(), socket, Files.createDirectories(directory.resolve("state")),
                Files.createDirectories(directory.resolve("spool")), directory.resolve("slurmctld.pid"), directory.resolve("slurmd.pid"),
                directory.resolve("slurmctld.log"), directory.resolve("slurmd.log"));
        return Files.writeString(directory.resolve("slurm.conf"), conf);
    }

    private boolean isIdle() throws IOException, InterruptedException {
        for (Process daemon : daemons) {
            if (!daemon.isAlive()) {
                throw new AssertionError(daemon.info().command().orElse("a Slurm daemon") + " exited with " + daemon.exitValue() + logs());
            }
        }
        ProcessBuilder builder = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process sinfo = builder.start();
        String state = new String(sinfo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return sinfo.waitFor(30, TimeUnit.SECONDS) && sinfo.exitValue() == 0 && state.equals("idle");
    }

    private void daemon(String output, String... command) throws IOException {
        File out = directory.resolve(output).toFile();
        daemons.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start());
    }

    private static String sbin(String command) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command).toString();
            }
        }
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int waited = 0; !Files.exists(file); waited++) {
            if (waited > 100) {
                throw new AssertionError("munged did not create " + file);
            }
            Thread.sleep(100);
        }
    }

    /** Cancels what is still queued, then stops slurmd, slurmctld and munged by process id, whatever happened before. */
    @Override
    public void close() {
        boolean interrupted = false;
        if (daemons.size() == 3) {
            try {
                run("scancel", "--user=" + System.getProperty("user.name"));
            } catch (IOException | AssertionError e) {
                // The daemons go anyway.
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            daemon.destroy();
            try {
                if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                daemon.destroyForcibly();
                interrupted = true;
            }
        }
        daemons.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
