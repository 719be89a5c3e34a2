package com.fourrunr.campaign.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What the connections of a wrapped data source did, for tests that count a store's statements: the
 * statements they made, the SQL they prepared, each execution and each commit.
 */
final class StatementLog {
  /** Statements made: prepared, called or created. */
  final AtomicInteger made = new AtomicInteger();

  /**
   * The SQL of each statement prepared ({@code prepareStatement}, {@code prepareCall}), in order.
   */
  final List<String> prepared = new CopyOnWriteArrayList<>();

  /** The SQL of each execution, where each entry added to a JDBC batch counts as one. */
  final List<String> executed = new CopyOnWriteArrayList<>();

  /** Explicit commits. */
  final AtomicInteger commits = new AtomicInteger();

  /** Forgets everything logged so far. */
  void clear() {
    made.set(0);
    prepared.clear();
    executed.clear();
    commits.set(0);
  }

  /** {@code real}, with every connection it hands out logging here. */
  DataSource wrap(DataSource real) {
    return proxy(
        DataSource.class,
        (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          return result instanceof Connection c ? proxy(Connection.class, connection(c)) : result;
        });
  }

  private InvocationHandler connection(Connection c) {
    return (p, m, a) -> {
      Object made = invoke(c, m, a);
      String name = m.getName();
      if (name.equals("commit")) {
        commits.incrementAndGet();
        return made;
      }
      if (!name.equals("prepareStatement")
          && !name.equals("prepareCall")
          && !name.equals("createStatement")) {
        return made;
      }
      this.made.incrementAndGet();
      String sql = a != null && a.length > 0 && a[0] instanceof String s ? s : null;
      if (sql != null) {
        prepared.add(sql);
      }
      if (made instanceof PreparedStatement ps && name.equals("prepareStatement")) {
        return proxy(PreparedStatement.class, statement(ps, sql));
      }
      if (made instanceof Statement s && name.equals("createStatement")) {
        return proxy(Statement.class, statement(s, null));
      }
      return made;
    };
  }

  private InvocationHandler statement(Statement s, @Nullable String sql) {
    return (p, m, a) -> {
      String name = m.getName();
      if (name.equals("addBatch") || (name.startsWith("execute") && !name.equals("executeBatch"))) {
        executed.add(sql != null ? sql : String.valueOf(a == null ? "" : a[0]));
      }
      return invoke(s, m, a);
    };
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static @Nullable Object invoke(Object target, Method method, @Nullable Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
