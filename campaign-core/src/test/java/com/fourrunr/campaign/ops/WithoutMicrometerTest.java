package com.fourrunr.campaign.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: with its classes hidden, the engine, the settings, health and alerts load
 * and link; only CampaignMetrics needs it.
 */
class WithoutMicrometerTest {
  /** Loads the library's classes itself and refuses every Micrometer class. */
  private static final class NoMicrometer extends ClassLoader {
    NoMicrometer(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.micrometer.")) {
        throw new ClassNotFoundException(name);
      }
      if (!name.startsWith("com.fourrunr.campaign.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try (InputStream in =
              getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            c = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        return c;
      }
    }
  }

  @Test
  void theEngineHealthAlertsAndSettingsLoadWithoutMicrometerAndOnlyTheMetricsNeedIt()
      throws Exception {
    ClassLoader loader = new NoMicrometer(getClass().getClassLoader());
    for (String name :
        List.of(
            "com.fourrunr.campaign.CampaignEngine",
            "com.fourrunr.campaign.CampaignEngineBuilder",
            "com.fourrunr.campaign.config.EngineSettings",
            "com.fourrunr.campaign.config.SettingsReader",
            "com.fourrunr.campaign.config.TrackingSettings",
            "com.fourrunr.campaign.ops.HealthMonitor",
            "com.fourrunr.campaign.ops.AlertMonitor",
            "com.fourrunr.campaign.ops.AlertRule",
            "com.fourrunr.campaign.ops.CampaignActivity",
            "com.fourrunr.campaign.ops.WebhookAlertSink")) {
      Class<?> c = Class.forName(name, true, loader);
      assertThat(c.getDeclaredMethods()).as(name).isNotNull();
      assertThat(c.getClassLoader()).isSameAs(loader);
    }
    assertThatThrownBy(
            () ->
                Class.forName("com.fourrunr.campaign.ops.CampaignMetrics", true, loader)
                    .getDeclaredMethods())
        .as("the loader really hides Micrometer")
        .isInstanceOf(NoClassDefFoundError.class);
  }
}
