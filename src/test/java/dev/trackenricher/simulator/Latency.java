package dev.trackenricher.simulator;

import java.util.Random;

/**
 * How long a simulated API takes to answer: {@code 100} (fixed ms), {@code normal:100:20},
 * {@code lognormal:80:0.5} (median ms, sigma), {@code uniform:50:150}.
 */
public record Latency(String kind, double a, double b) {

    public static final Latency NONE = new Latency("fixed", 0, 0);

    public static Latency parse(String spec) {
        String[] p = spec.trim().split(":");
        try {
            return switch (p[0]) {
                case "normal", "lognormal", "uniform" -> new Latency(p[0], Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                default -> new Latency("fixed", Double.parseDouble(p[0].replace("ms", "")), 0);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("latency \"" + spec + "\": use 100, normal:100:20, lognormal:80:0.5 or uniform:50:150");
        }
    }

    public long sampleMillis(Random random) {
        double ms = switch (kind) {
            case "normal" -> a + b * random.nextGaussian();
            case "lognormal" -> a * Math.exp(b * random.nextGaussian());
            case "uniform" -> a + (b - a) * random.nextDouble();
            default -> a;
        };
        return Math.max(0, Math.round(ms));
    }

    @Override
    public String toString() {
        return kind.equals("fixed") ? (long) a + "ms" : kind + ":" + a + ":" + b;
    }
}
