package com.fourrunr.campaign.spring;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.core.env.Environment;

/** The instance id: {@code campaign.instance-id}, else the host name and the application name. */
final class InstanceId {
  private InstanceId() {}

  static String of(CampaignProperties properties, Environment environment) {
    String id = properties.instanceId();
    if (id != null) {
      return id;
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    String app = environment.getProperty("spring.application.name", "campaign");
    String derived = host + "/" + app;
    return derived.length() > 200 ? derived.substring(0, 200) : derived;
  }
}
