package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The root {@code Dockerfile} (issue 21, "Health for containers"). There is no Docker where the
 * tests run, so this reads the file and checks what it says: the health check asks liveness, the
 * POMs of every reactor module are copied and the dependencies resolved in a layer before any
 * source, and the service is bound for a container but published safely, as a non-root user.
 */
class DockerfileTest {
  private static final Path ROOT = Path.of("..");

  /** The Dockerfile's instructions, continuation lines joined, comments left out. */
  private static List<String> instructions;

  private static String text;

  @BeforeAll
  static void read() throws Exception {
    text = Files.readString(ROOT.resolve("Dockerfile"));
    instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      current.append(line.strip());
      if (line.endsWith("\\")) {
        current.setLength(current.length() - 1);
        continue;
      }
      instructions.add(current.toString().replaceAll("\\s+", " "));
      current.setLength(0);
    }
  }

  private static List<String> modules() throws Exception {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    List<String> modules = new ArrayList<>();
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    while (m.find()) {
      modules.add(m.group(1).strip());
    }
    assertThat(modules).contains("campaign-core", "campaign-examples");
    return modules;
  }

  private static int index(String instruction) {
    int i = instructions.indexOf(instruction);
    assertThat(i).as("Dockerfile has `%s`", instruction).isNotNegative();
    return i;
  }

  private static int firstIndex(String prefix, String containing) {
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).startsWith(prefix) && instructions.get(i).contains(containing)) {
        return i;
      }
    }
    throw new AssertionError("no `" + prefix + "... " + containing + "` in " + instructions);
  }

  @Test
  void theHealthCheckAsksLivenessNotTheReadinessReport() {
    List<String> checks = instructions.stream().filter(i -> i.startsWith("HEALTHCHECK ")).toList();
    assertThat(checks).hasSize(1);
    String check = checks.get(0);
    assertThat(check).contains(" CMD ").contains("HealthProbe");
    Matcher url = Pattern.compile("\"(https?://[^\"]+)\"").matcher(check);
    assertThat(url.find()).as(check).isTrue();
    // /health turns 503 for a paused mailbox or many dead letters: a healthy service would be
    // restarted. Liveness is the process and the store.
    assertThat(url.group(1)).isEqualTo("http://127.0.0.1:8080/health/live");
  }

  @Test
  void everyModulesPomIsCopiedAndTheDependenciesResolvedBeforeAnySource() throws Exception {
    int resolve = firstIndex("RUN ", "dependency:go-offline");
    int build = firstIndex("RUN ", " package");
    assertThat(resolve).isLessThan(build);
    for (String module : modules()) {
      // the reactor reads every module's POM, even with -pl: a missing one fails the build
      int pom = index("COPY " + module + "/pom.xml " + module + "/");
      assertThat(pom).as("%s's POM before the dependency layer", module).isLessThan(resolve);
      if (Files.isDirectory(ROOT.resolve(module).resolve("src"))) {
        int sources = index("COPY " + module + "/ " + module + "/");
        assertThat(sources)
            .as("%s's sources after the dependency layer, before the build", module)
            .isGreaterThan(resolve)
            .isLessThan(build);
      }
    }
    // Before the dependency layer, only the wrapper and the POMs: a source change keeps the layer.
    for (String before : instructions.subList(0, resolve)) {
      if (before.startsWith("COPY ") && !before.startsWith("COPY --from")) {
        assertThat(before)
            .matches("COPY (\\.mvn/ \\.mvn/|mvnw pom\\.xml \\./|\\S+/pom\\.xml \\S+/)");
      }
    }
  }

  @Test
  void theServiceBindsAllInterfacesInTheContainerButIsPublishedOnLoopbackAsNonRoot() {
    String entry =
        instructions.stream().filter(i -> i.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
    assertThat(entry).contains("\"serve\"", "\"--bind\", \"0.0.0.0\"", "\"--port\", \"8080\"");
    assertThat(instructions).contains("EXPOSE 8080");
    // the last USER before the entry point is not root
    String user = null;
    for (String i : instructions.subList(0, instructions.indexOf(entry))) {
      if (i.startsWith("USER ")) {
        user = i.substring("USER ".length()).strip();
      }
    }
    assertThat(user).isNotNull().isNotIn("root", "0");
    // the documented run line publishes the port on the host's loopback only
    assertThat(text).contains("docker run -p 127.0.0.1:8080:8080 ");
    assertThat(text).doesNotContainPattern("docker run -p 8080:8080");
  }
}
