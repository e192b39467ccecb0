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

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        before = root.getLevel();
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
        silenced.forEach(root::addAppender);
        stop();
    }
}
