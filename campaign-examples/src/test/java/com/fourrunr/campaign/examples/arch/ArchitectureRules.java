package com.fourrunr.campaign.examples.arch;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignRunner;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Optional;
import java.util.Set;

/**
 * The architecture rules of the library, as ArchUnit rules over a given set of classes. {@link
 * ArchitectureTest} applies them to the modules' main classes; {@link ArchitectureRulesTest} shows
 * each one failing on a purposely bad fixture.
 */
final class ArchitectureRules {
  static final String BASE = "com.fourrunr.campaign";

  /** Packages of the adapter and host modules, which core must not know. */
  static final String[] NOT_CORE = {
    BASE + ".smtp..",
    BASE + ".dns..",
    BASE + ".jdbc..",
    BASE + ".openai..",
    BASE + ".airtable..",
    BASE + ".esp..",
    BASE + ".examples..",
    BASE + ".service..",
    BASE + ".testing..",
    BASE + ".bench.."
  };

  /** The engine facade: what only a host (never a sub-package of core) uses. */
  private static final Set<Class<?>> ENGINE =
      Set.of(CampaignEngine.class, CampaignEngineBuilder.class, CampaignRunner.class);

  private ArchitectureRules() {}

  /** Core imports no adapter, host or test module. Applied to core's classes. */
  static ArchRule coreImportsNoAdapter() {
    return noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(NOT_CORE)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.xbill..", "jakarta.mail..", "org.simplejavamail..")
        .because("campaign-core carries no mail, HTTP, JDBC or DNS library and knows no adapter");
  }

  /**
   * No cycles between the packages of core. The root package holds two layers: the API values and
   * ports (the bottom, used by every package) and the engine facade with its package-private
   * collaborators (the top, using every package); each is its own slice, every other package is one
   * slice.
   */
  static ArchRule noPackageCycles() {
    return slices().assignedFrom(new Layers()).should().beFreeOfCycles();
  }

  /**
   * Sub-packages of core do not depend on the engine facade (they take the narrow CampaignClient).
   */
  static ArchRule subPackagesDoNotUseTheEngine() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(BASE)
        .should()
        .dependOnClassesThat(
            describe(
                "are the engine facade",
                c -> ENGINE.stream().anyMatch(e -> c.isEquivalentTo(e) || isNestedIn(c, e))))
        .because("the engine uses its sub-packages, never the other way round");
  }

  /** A class in a package named {@code internal} is used only by classes of its own module. */
  static ArchRule internalOnlyInsideItsModule() {
    return classes()
        .should(
            new ArchCondition<>("use internal packages of their own module only") {
              @Override
              public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                  JavaClass target = d.getTargetClass().getBaseComponentType();
                  if (isInternal(target) && !module(origin).equals(module(target))) {
                    events.add(
                        SimpleConditionEvent.violated(
                            d,
                            d.getDescription()
                                + " (internal to "
                                + module(target)
                                + ", used from "
                                + module(origin)
                                + ")"));
                  }
                }
              }
            });
  }

  /**
   * Adapters use only core's API and SPI: public types outside {@code internal} packages (and their
   * own package, and third-party libraries).
   *
   * @param adapterPackages the adapters' packages, such as {@code com.fourrunr.campaign.smtp..}
   */
  static ArchRule adaptersUseOnlyApiAndSpi(String... adapterPackages) {
    DescribedPredicate<JavaClass> allowed =
        describe(
            "are not core's, or are public and not internal",
            c -> !isOurs(c) || isAdapter(c, adapterPackages) || isApiOrSpi(c));
    return classes()
        .that()
        .resideInAnyPackage(adapterPackages)
        .should()
        .onlyDependOnClassesThat(allowed)
        .because(
            "an adapter is written against the API and the SPI, never against core's internals");
  }

  private static boolean isOurs(JavaClass c) {
    return c.getPackageName().equals(BASE) || c.getPackageName().startsWith(BASE + ".");
  }

  private static boolean isAdapter(JavaClass c, String[] adapterPackages) {
    for (String p : adapterPackages) {
      String prefix = p.replace("..", "");
      if (c.getPackageName().equals(prefix) || c.getPackageName().startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isApiOrSpi(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      if (!top.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
      top = top.getEnclosingClass().get();
    }
    return top.getModifiers().contains(JavaModifier.PUBLIC) && !isInternal(top);
  }

  static boolean isInternal(JavaClass c) {
    String p = "." + c.getPackageName() + ".";
    return p.contains(".internal.");
  }

  private static boolean isNestedIn(JavaClass c, Class<?> outer) {
    Optional<JavaClass> e = c.getEnclosingClass();
    while (e.isPresent()) {
      if (e.get().isEquivalentTo(outer)) {
        return true;
      }
      e = e.get().getEnclosingClass();
    }
    return false;
  }

  /** The module a class was loaded from: its classes directory or jar. */
  static String module(JavaClass c) {
    Optional<Source> source = c.getSource();
    if (source.isEmpty()) {
      return "unknown";
    }
    String uri = source.get().getUri().toString();
    int jar = uri.indexOf("!/");
    if (jar >= 0) {
      return uri.substring(0, jar);
    }
    int pkg = uri.indexOf("/" + c.getPackageName().replace('.', '/') + "/");
    return pkg >= 0 ? uri.substring(0, pkg) : uri;
  }

  /** Slices: the root package's API and engine layers, and every other package by its name. */
  private static final class Layers implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      String p = c.getPackageName();
      if (p.equals(BASE)) {
        return SliceIdentifier.of(
            isEngineLayer(top(c)) ? "engine (root package)" : "api (root package)");
      }
      if (p.startsWith(BASE + ".")) {
        return SliceIdentifier.of(p.substring(BASE.length() + 1));
      }
      return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "the packages of " + BASE + ", its root package as an api and an engine layer";
    }

    private static JavaClass top(JavaClass c) {
      JavaClass t = c;
      while (t.getEnclosingClass().isPresent()) {
        t = t.getEnclosingClass().get();
      }
      return t;
    }

    /**
     * The engine layer: the facade, and the package-private classes of the root package that no
     * public API type uses (the engine's collaborators). A package-private helper of an API value
     * (such as the country table of {@code Lead}) belongs to the API layer.
     */
    private static boolean isEngineLayer(JavaClass top) {
      if (ENGINE.stream().anyMatch(top::isEquivalentTo)) {
        return true;
      }
      if (top.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
      for (Dependency d : top.getDirectDependenciesToSelf()) {
        JavaClass user = top(d.getOriginClass());
        if (user.getPackageName().equals(BASE)
            && user.getModifiers().contains(JavaModifier.PUBLIC)
            && ENGINE.stream().noneMatch(user::isEquivalentTo)) {
          return false;
        }
      }
      return true;
    }
  }
}
