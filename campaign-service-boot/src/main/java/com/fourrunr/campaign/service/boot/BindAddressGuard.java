package com.fourrunr.campaign.service.boot;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a service reachable from other machines ({@code server.address} not a loopback
 * address, or unset, which means every interface) when no operator is configured: nobody could sign
 * in, and nothing should be exposed by accident.
 */
final class BindAddressGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
  /** Created from {@code META-INF/spring.factories}. */
  BindAddressGuard() {}

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment env = event.getEnvironment();
    String address = env.getProperty("server.address");
    boolean operators =
        env.getProperty("campaign.operators[0].username") != null
            || env.getProperty("campaign.operators[0].password-hash") != null;
    if (!operators && !isLoopback(address)) {
      throw new BindRefusedException(
          "refusing to listen on "
              + (address == null || address.isBlank() ? "every interface" : address)
              + " with no operator configured: add campaign.operators[0].username and"
              + " campaign.operators[0].password-hash (java -jar ... --new-operator=NAME prints"
              + " them), or set server.address=127.0.0.1");
    }
  }

  static boolean isLoopback(@Nullable String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address.trim()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Why the service did not start. */
  static final class BindRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BindRefusedException(String message) {
      super(message, null, false, false);
    }
  }
}
