package dev.trackenricher.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * An export as a stream of bytes produced as they are read: rows come from a database cursor
 * ({@code fetchSize} at a time, inside one read-only, repeatable-read transaction, so the whole export
 * is one consistent snapshot) and are encoded into a small buffer only when the reader has taken the
 * previous one. Memory stays the same however large the catalogue: one fetch of rows and one buffer.
 *
 * <p>Pulled, not pushed: whoever reads it (the REST answer, the command's file) sets the pace, on its
 * own thread, and no thread or pipe sits between the cursor and the socket. It holds its connection
 * until the last row is read or it is closed, whichever comes first; close it in every case.
 */
public final class ExportStream extends InputStream {

    /** the buffer is refilled when it has been read; a refill stops at the first row past this size */
    private static final int CHUNK = 32 * 1024;

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final ObjectMapper json;
    private final ExportFormat format;
    private final Runnable onClose;
    private final Buffer buffer = new Buffer();
    private final Writer text = new OutputStreamWriter(buffer, StandardCharsets.UTF_8);
    private final CSVPrinter csv;
    private int position;
    private long rowCount;
    private boolean started;
    private boolean exhausted;
    private boolean closed;

    private ExportStream(Connection connection, PreparedStatement statement, ResultSet rows, ObjectMapper json, ExportFormat format,
                         Runnable onClose) throws IOException {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.json = json;
        this.format = format;
        this.onClose = onClose;
        this.csv = format == ExportFormat.CSV
                ? new CSVPrinter(text, CSVFormat.RFC4180)
                : null;
    }

    /**
     * Opens the cursor at once, so a failing statement fails here, before any byte is answered.
     *
     * @param onClose run once when the stream is closed (gives back the export's slot)
     */
    static ExportStream open(DataSource dataSource, TrackQuery query, int fetchSize, ObjectMapper json, ExportFormat format,
                             Runnable onClose) throws SQLException, IOException {
        Connection connection = dataSource.getConnection();
        PreparedStatement statement = null;
        try {
            // a cursor (rows fetched fetchSize at a time) needs a transaction: PostgreSQL's JDBC driver reads
            // every row at once in auto-commit mode
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            statement = connection.prepareStatement(query.sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            List<Object> params = query.params;
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            return new ExportStream(connection, statement, statement.executeQuery(), json, format, onClose);
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(statement, connection);
            onClose.run();
            throw e;
        }
    }

    /** Rows encoded so far. */
    public long rowCount() {
        return rowCount;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (closed) {
            if (exhausted && position >= buffer.size()) {
                return -1;
            }
            throw new IOException("the export stream is closed");
        }
        if (length == 0) {
            return 0;
        }
        while (position >= buffer.size()) {
            if (exhausted) {
                close();
                return -1;
            }
            refill();
        }
        int n = Math.min(length, buffer.size() - position);
        System.arraycopy(buffer.bytes(), position, into, offset, n);
        position += n;
        return n;
    }

    private void refill() throws IOException {
        buffer.reset();
        position = 0;
        try {
            if (!started && csv != null) {
                csv.printRecord(ExportColumns.NAMES);
            }
            started = true;
            while (buffer.size() < CHUNK) {
                if (!rows.next()) {
                    exhausted = true;
                    break;
                }
                write(ExportColumns.row(rows, json));
                rowCount++;
                // the encoder's own buffer is small; flushing per row keeps size() honest
                text.flush();
            }
            if (exhausted) {
                text.flush();
            }
        } catch (SQLException e) {
            close();
            throw new IOException("the export stopped after " + rowCount + " rows: " + e.getMessage(), e);
        }
    }

    private void write(ObjectNode row) throws IOException {
        if (csv != null) {
            for (String column : ExportColumns.NAMES) {
                csv.print(ExportColumns.csv(row.get(column)));
            }
            csv.println();
        } else {
            text.write(json.writeValueAsString(row));
            text.write('\n');
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
        } catch (SQLException ignored) {
            // the connection's close below ends the cursor too
        }
        closeQuietly(statement, connection);
        onClose.run();
    }

    private static void closeQuietly(PreparedStatement statement, Connection connection) {
        try {
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException ignored) {
            // closing the connection closes it
        }
        try {
            // read-only: nothing to keep; ending it frees the snapshot at once
            connection.rollback();
        } catch (SQLException ignored) {
            // a broken connection: the pool discards it
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to give back
        }
    }

    /** A byte buffer whose bytes are read in place (no copy per refill). */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(CHUNK + 8 * 1024);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
