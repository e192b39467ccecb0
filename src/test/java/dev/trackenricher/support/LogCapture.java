package dev.trackenricher.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged (any logger, any level, with its arguments, key-value pairs, MDC and stack
 * traces) while open, as text: for tests that look for what must never be logged.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Logger root;
    private final ch.qos.logback.classic.Level before;
    private final List<ch.qos.logback.core.Appender<ILoggingEvent>> silenced = new ArrayList<>();
    /** The service's own loggers: a command-line run in the same JVM leaves them at ERROR (profile cli). */
    private final Logger app;
    private final ch.qos.logback.classic.Level appBefore;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        before = root.getLevel();
        app = context.getLogger("dev.trackenricher");
        appBefore = app.getLevel();
        setContext(context);
        setName("log-capture");
        start();
    }

    /**
     * Starts capturing; with {@code everything}, also DEBUG, what an operator turns on to look closer
     * (the root level is lowered meanwhile, and the console is silenced so the test output stays readable).
     */
    public static LogCapture start(boolean everything) {
        LogCapture capture = new LogCapture();
        if (everything) {
            capture.root.iteratorForAppenders().forEachRemaining(capture.silenced::add);
            capture.silenced.forEach(capture.root::detachAppender);
            capture.root.setLevel(ch.qos.logback.classic.Level.DEBUG);
            capture.app.setLevel(ch.qos.logback.classic.Level.DEBUG);
        } else {
            capture.app.setLevel(ch.qos.logback.classic.Level.INFO);
        }
        capture.root.addAppender(capture);
        return capture;
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        StringBuilder line = new StringBuilder().append(e.getLevel()).append(' ').append(e.getLoggerName()).append(": ")
                .append(e.getFormattedMessage());
        if (e.getKeyValuePairs() != null) {
            e.getKeyValuePairs().forEach(kv -> line.append(' ').append(kv.key).append('=').append(kv.value));
        }
        e.getMDCPropertyMap().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        if (e.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
        lines.add(line.toString());
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        root.setLevel(before);
        app.setLevel(appBefore);
        silenced.forEach(root::addAppender);
        stop();
    }
}
