package dev.trackenricher;

/** Lets tests run a command-line mode of the jar in this JVM (without System.exit). */
public final class TrackEnricherApplicationCli {

    private TrackEnricherApplicationCli() {
    }

    public static int run(String... args) {
        return TrackEnricherApplication.runCommand(args);
    }
}
