package org.orthancalbums.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The server's own database: SQLite by default (one file), PostgreSQL in production. The schema is
 * migrated by Flyway at start-up; a tiny JDBC helper keeps repositories short and explicit.
 */
public final class Database implements AutoCloseable {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

    public Database(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("albums-db");
        if (url.startsWith("jdbc:sqlite:")) {
            // one writer at a time in SQLite: WAL lets readers go on, busy_timeout queues writers
            config.setMaximumPoolSize(4);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            config.setConnectionInitSql("PRAGMA foreign_keys = ON");
        } else {
            config.setMaximumPoolSize(8);
        }
        dataSource = new HikariDataSource(config);
        String vendor = url.startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql";
        // one schema, written once; only what the two databases spell differently lives per vendor
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .failOnMissingLocations(true).load().migrate();
    }

    /** Runs {@code work} in one transaction; nested calls join the outer one. */
    public <T> T inTransaction(Work<T> work) {
        Connection current = transaction.get();
        if (current != null) {
            return run(work, current);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            transaction.set(connection);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                transaction.remove();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, params); ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return queryOne(sql, row -> row.getLong(1), params).orElse(0L);
    }

    public int update(String sql, Object... params) {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                return statement.executeUpdate();
            }
        });
    }

    private <T> T withConnection(Work<T> work) {
        Connection current = transaction.get();
        if (current != null) {
            return run(work, current);
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static <T> T run(Work<T> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, Statement.NO_GENERATED_KEYS);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** A database failure: the caller gets a 500 and the operator the cause in the log. */
    public static final class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super("database error: " + cause.getMessage(), cause);
        }
    }
}
