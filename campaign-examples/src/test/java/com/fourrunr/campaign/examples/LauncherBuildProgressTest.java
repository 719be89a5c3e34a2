package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./campaign} launcher (issue 21, "Silence"): run with bash on a copy of the script in a
 * temporary tree, with a stub {@code mvnw} that prints Maven-like lines (and creates the jar, or
 * fails) and a stub {@code java}, so no real build runs. It shows each module being built and the
 * result on stderr (stdout stays the tool's own), passes errors through, and does not rebuild a jar
 * newer than the sources. Short runs get the quick JIT compiler and the serial collector; {@code
 * serve} keeps the JVM's defaults.
 */
class LauncherBuildProgressTest {
  private static final String JAR = "campaign-examples/target/campaign-cli.jar";

  /** Prints what a real {@code mvnw -B -ntp package} prints, in short; creates the jar. */
  private static final String MVNW =
      """
      #!/usr/bin/env bash
      echo "$*" >> "$(dirname "$0")/mvnw-calls"
      echo "[INFO] Scanning for projects..."
      echo "[INFO] ------------------------------------------------------------------------"
      echo "[INFO] Building 4Runr Campaigns core 1.0.0-SNAPSHOT                        [1/2]"
      echo "[INFO] --- compiler:3.13.0:compile (default-compile) @ campaign-core ---"
      echo "[WARNING] a warning the progress does not show"
      if [ -n "${STUB_FAIL:-}" ]; then
        echo "[ERROR] COMPILATION ERROR :"
        echo "[ERROR] /src/campaign-core/src/main/java/Foo.java:[3,5] cannot find symbol" >&2
        echo "[INFO] BUILD FAILURE"
        exit 1
      fi
      echo "[INFO] Building 4Runr Campaigns examples 1.0.0-SNAPSHOT                    [2/2]"
      echo "[INFO] --- shade:3.6.0:shade (default) @ campaign-examples ---"
      mkdir -p campaign-examples/target
      echo jar > campaign-examples/target/campaign-cli.jar
      echo "[INFO] BUILD SUCCESS"
      echo "[INFO] Total time:  1.234 s"
      """;

  /** Stands in for the JDK: prints how the tool would have been started. */
  private static final String JAVA =
      """
      #!/usr/bin/env bash
      echo "java $*"
      """;

  @TempDir Path root;

  private Path source;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void copyTheLauncherWithStubs() throws IOException {
    Path script = Path.of("..", "campaign");
    assertThat(script).as("the launcher at the repository root").isRegularFile();
    Files.copy(script, root.resolve("campaign"));
    executable(root.resolve("mvnw"), MVNW);
    executable(root.resolve("jdk/bin/java"), JAVA);
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(root.resolve("campaign-examples"));
    Files.writeString(root.resolve("campaign-examples/pom.xml"), "<project/>\n");
    source = root.resolve("campaign-core/src/main/java/Foo.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Foo {}\n");
    age(root.resolve("pom.xml"), root.resolve("campaign-examples/pom.xml"), source);
  }

  @Test
  void aFirstRunShowsEachModuleAndTheResultOnStderrThenStartsTheTool() throws Exception {
    Run r = launch(null, "demo");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("Building the campaign tool")
        .contains("  Building 4Runr Campaigns core 1.0.0-SNAPSHOT")
        .contains("  Building 4Runr Campaigns examples 1.0.0-SNAPSHOT")
        .contains("  BUILD SUCCESS")
        .contains("  Total time:")
        // the progress, not Maven's whole log
        .doesNotContain("Scanning for projects", "compiler:", "[WARNING]");
    assertThat(r.err().indexOf("core 1.0.0")).isLessThan(r.err().indexOf("examples 1.0.0"));
    // stdout is the tool's own (JSON lines for schedule and preview): no build output there
    assertThat(r.out().strip())
        .isEqualTo(
            "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "
                + root.toRealPath().resolve(JAR)
                + " demo");
    assertThat(root.resolve(JAR)).isRegularFile();
    assertThat(calls()).singleElement().asString().contains("-pl campaign-examples -am package");
  }

  @Test
  void aFailedBuildPassesItsErrorsThroughAndDoesNotStartTheTool() throws Exception {
    Run r = launch("1", "demo");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err())
        .contains("[ERROR] COMPILATION ERROR :")
        .contains("[ERROR] /src/campaign-core/src/main/java/Foo.java:[3,5] cannot find symbol")
        .contains("BUILD FAILURE");
    assertThat(r.out()).as("the tool is not started").doesNotContain("java");
  }

  @Test
  void aJarNewerThanTheSourcesIsNotRebuiltAndAChangedSourceIsRebuilt() throws Exception {
    assertThat(launch(null, "demo").exit()).isZero();
    assertThat(calls()).hasSize(1);

    Run again = launch(null, "preview");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.err()).doesNotContain("Building");
    assertThat(again.out()).contains(" -jar ").endsWith(" preview\n");
    assertThat(calls()).as("no second build").hasSize(1);

    // serve runs for long: the JVM's default compiler and collector
    Run serve = launch(null, "serve", "--port", "0");
    assertThat(serve.out().strip())
        .isEqualTo("java -jar " + root.toRealPath().resolve(JAR) + " serve --port 0");

    Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));
    Run changed = launch(null, "demo");
    assertThat(changed.exit()).as(changed.err()).isZero();
    assertThat(changed.err()).contains("Building the campaign tool", "BUILD SUCCESS");
    assertThat(calls()).as("a source newer than the jar rebuilds").hasSize(2);
  }

  private Run launch(@org.jspecify.annotations.Nullable String fail, String... args)
      throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", "campaign"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    pb.environment().remove("STUB_FAIL");
    if (fail != null) {
      pb.environment().put("STUB_FAIL", fail);
    }
    Path out = root.resolve("launch.out");
    Path err = root.resolve("launch.err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the launcher did not finish within 60 s");
    }
    // Age the jar's sources so the next run's "newer than the jar" check is not a same-second tie.
    Path jar = root.resolve(JAR);
    if (Files.exists(jar)) {
      Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private List<String> calls() throws IOException {
    Path calls = root.resolve("mvnw-calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  private static void age(Path... files) throws IOException {
    for (Path f : files) {
      Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(3600)));
    }
  }

  private static void executable(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
