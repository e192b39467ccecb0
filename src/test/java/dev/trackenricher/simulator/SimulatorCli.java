package dev.trackenricher.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The flags of {@code bin/simulate}. */
final class SimulatorCli {

    static final String USAGE = """
            usage: bin/simulate [options]
              --port N                 port to listen on (default 9090; 0 = any free port)
              --seed N                 catalogue and randomness seed (default 42)
              --catalogue FILE         sample tracks CSV (default sample-data/tracks.csv)
              --synthetic N            numbered synthetic tracks added to the catalogue (default 2000)
              --latency SPEC           every API: 100 | normal:100:20 | lognormal:80:0.5 | uniform:50:150 (ms)
              --failure-rate X         every API: share of calls that fail (0..1)
              --faults LIST            failure kinds: 500,timeout,html,truncated (default all)
              --hang MS                how long a "timeout" failure hangs (default 30000)
              --no-limits              do not enforce the APIs' rate limits
              --SOURCE.latency=SPEC    one API (SOURCE: spotify, musicbrainz, discogs, lastfm, acousticbrainz, getsongbpm)
              --SOURCE.failure-rate=X
              --SOURCE.limits=on|off
              --SOURCE.known=X         share of the catalogue this API knows (0..1)
              --help
            """;

    record Parsed(SimulatorConfig config, Path catalogue, boolean help) {
    }

    static Parsed parse(List<String> args) {
        SimulatorConfig c = SimulatorConfig.realistic().withPort(9090);
        Path catalogue = Path.of("sample-data/tracks.csv");
        List<Fault> faults = SimulatorConfig.ALL_FAULTS;
        Double failureRate = null;
        List<String[]> perSource = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String inline = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
            if (name.equals("--help") || name.equals("-h")) {
                return new Parsed(c, catalogue, true);
            }
            if (name.equals("--no-limits")) {
                c = c.all(b -> b.withLimit(false));
                continue;
            }
            String value = inline != null ? inline : (i + 1 < args.size() ? args.get(++i) : null);
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            final String v = value;
            switch (name) {
                case "--port" -> c = c.withPort(integer(name, v));
                case "--seed" -> c = c.withSeed(Long.parseLong(v));
                case "--catalogue" -> catalogue = Path.of(v);
                case "--synthetic" -> c = c.withSyntheticTracks(integer(name, v));
                case "--latency" -> c = c.all(b -> b.withLatency(Latency.parse(v)));
                case "--failure-rate" -> failureRate = fraction(name, v);
                case "--faults" -> faults = faults(v);
                case "--hang" -> c = c.all(b -> b.withHang(integer(name, v)));
                default -> perSource.add(new String[] {name, v});
            }
        }
        if (failureRate != null) {
            final double rate = failureRate;
            final List<Fault> kinds = faults;
            c = c.all(b -> b.withFailures(rate, kinds));
        }
        // one API's settings win over the ones for all
        for (String[] option : perSource) {
            c = perSource(c, option[0], option[1]);
        }
        return new Parsed(c, catalogue, false);
    }

    private static SimulatorConfig perSource(SimulatorConfig c, String name, String v) {
        if (!name.startsWith("--") || !name.contains(".")) {
            throw new IllegalArgumentException("unknown option " + name + " (see --help)");
        }
        String source = name.substring(2, name.indexOf('.'));
        String what = name.substring(name.indexOf('.') + 1);
        return switch (what) {
            case "latency" -> c.source(source, b -> b.withLatency(Latency.parse(v)));
            case "failure-rate" -> c.source(source, b -> b.withFailures(fraction(name, v), b.faults().isEmpty()
                    ? SimulatorConfig.ALL_FAULTS : b.faults()));
            case "limits" -> c.source(source, b -> b.withLimit(v.equals("on")));
            case "known" -> c.source(source, b -> b.withKnownFraction(fraction(name, v)));
            default -> throw new IllegalArgumentException("unknown option " + name + " (see --help)");
        };
    }

    static List<Fault> faults(String list) {
        List<Fault> out = new ArrayList<>();
        for (String f : list.split(",")) {
            out.add(switch (f.trim().toLowerCase(Locale.ROOT)) {
                case "500" -> Fault.ERROR_500;
                case "timeout" -> Fault.TIMEOUT;
                case "html" -> Fault.HTML;
                case "truncated" -> Fault.TRUNCATED;
                default -> throw new IllegalArgumentException("--faults: unknown kind " + f + " (500, timeout, html, truncated)");
            });
        }
        return out;
    }

    private static int integer(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": \"" + v + "\" is not a whole number");
        }
    }

    private static double fraction(String name, String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": \"" + v + "\" is not a number");
        }
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException(name + ": must be between 0 and 1");
        }
        return d;
    }
}
