package com.fourrunr.campaign.spring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Makes the library's store wait for the host's own Flyway migration, when the host has one: the
 * host's Flyway then meets its schema as it expects it (empty on a first start) and the library
 * migrates its tables after it, with its own history table. The host's Flyway is not changed.
 */
final class HostMigrationsFirst implements BeanFactoryPostProcessor {
  private static final String STORE = "campaignStore";
  private static final String FLYWAY_INITIALIZER =
      "org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer";

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory)
      throws BeansException {
    if (!beanFactory.containsBeanDefinition(STORE)) {
      return;
    }
    ClassLoader loader = beanFactory.getBeanClassLoader();
    if (!ClassUtils.isPresent(FLYWAY_INITIALIZER, loader)) {
      return;
    }
    String[] initializers =
        beanFactory.getBeanNamesForType(
            ClassUtils.resolveClassName(FLYWAY_INITIALIZER, loader), true, false);
    if (initializers.length == 0) {
      return;
    }
    BeanDefinition store = beanFactory.getBeanDefinition(STORE);
    List<String> dependsOn = new ArrayList<>();
    if (store.getDependsOn() != null) {
      dependsOn.addAll(Arrays.asList(store.getDependsOn()));
    }
    dependsOn.addAll(Arrays.asList(initializers));
    store.setDependsOn(dependsOn.toArray(String[]::new));
  }
}
