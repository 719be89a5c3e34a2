package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.spi.CampaignStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * The engine's view of the store: every call goes to the store, except that once the application
 * stops ({@link ClaimGate#close()}) no message is claimed any more, so a round under way finishes
 * the messages it already holds and takes no new ones. A proxy forwards every other method (default
 * ones too, so a store's own batched reads are kept), including methods added to {@link
 * CampaignStore} later.
 */
final class DrainingStore {
  private DrainingStore() {}

  /** The store seen through the gate. */
  static CampaignStore of(CampaignStore store, ClaimGate gate) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class && !method.getName().equals("toString")) {
            return identity(proxy, method, args);
          }
          if (method.getName().equals("claimDueMessages") && gate.isClosed()) {
            return List.of();
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause != null ? cause : e;
          }
        };
    return (CampaignStore)
        Proxy.newProxyInstance(
            CampaignStore.class.getClassLoader(), new Class<?>[] {CampaignStore.class}, handler);
  }

  /** {@code equals} and {@code hashCode} of the view itself (by identity). */
  private static Object identity(Object proxy, Method method, Object[] args) {
    return method.getName().equals("equals")
        ? Boolean.valueOf(proxy == args[0])
        : Integer.valueOf(System.identityHashCode(proxy));
  }
}
