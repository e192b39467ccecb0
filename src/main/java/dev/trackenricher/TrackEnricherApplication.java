package dev.trackenricher;

import dev.trackenricher.cli.CliCommand;
import dev.trackenricher.cli.CommandLineMode;
import dev.trackenricher.locations.ConfigLocationException;
import dev.trackenricher.locations.ConfigLocationsPostProcessor;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TrackEnricherApplication {

    public static void main(String[] args) {
        try {
            ConfigLocationsPostProcessor.checkBeforeStart(args);
        } catch (ConfigLocationException e) {
            // an operator's mistake: one line that names it, not a start-up stack trace
            System.err.println("track-enricher: cannot start: " + e.getMessage());
            System.exit(2);
        }
        if (CommandLineMode.isCommand(args)) {
            System.exit(runCommand(args));
        }
        SpringApplication.run(TrackEnricherApplication.class, args);
    }

    /** A command-line mode: the same beans and database, no web server, no routes. */
    static int runCommand(String[] args) {
        SpringApplication app = new SpringApplication(TrackEnricherApplication.class);
        app.setAdditionalProfiles(CommandLineMode.PROFILE);
        ConfigurableApplicationContext context;
        try {
            context = app.run();
        } catch (RuntimeException e) {
            System.err.println(args[0] + ": could not start: " + rootMessage(e));
            return 1;
        }
        int code = context.getBeansOfType(CliCommand.class).values().stream()
                .filter(c -> c.name().equals(args[0]))
                .findFirst()
                .map(c -> c.run(CommandLineMode.commandArgs(args), System.out, System.err))
                .orElse(2);
        return SpringApplication.exit(context, () -> code);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
