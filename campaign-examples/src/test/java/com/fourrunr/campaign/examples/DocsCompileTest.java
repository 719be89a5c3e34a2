package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README and of {@code docs/} compiles against the library as
 * written.
 *
 * <p>A block is its own imports followed by statements. A reader copies it whole, so a block names
 * what it needs: its imports, and on a first line {@code // Given: Type name, Type name} the
 * objects built elsewhere on the page (they become the parameters of the method the statements are
 * compiled in). A block that declares a type is compiled as a compilation unit as it is.
 */
class DocsCompileTest {
  private static final Path ROOT = projectRoot();
  private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
  private static final Pattern GIVEN = Pattern.compile("^//\\s*Given:\\s*(.+)$");
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|interface|enum)\\s+\\w+");

  @TempDir Path classes;

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path page : pages()) {
      String text = Files.readString(page, StandardCharsets.UTF_8);
      Matcher m = BLOCK.matcher(text);
      int n = 0;
      while (m.find()) {
        n++;
        int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
        String name = ROOT.relativize(page) + ":" + line;
        String className = "DocBlock" + Math.abs(name.hashCode()) + "_" + n;
        String block = m.group(1);
        tests.add(DynamicTest.dynamicTest(name, () -> assertCompiles(name, className, block)));
      }
    }
    assertThat(tests).as("java blocks found in README.md and docs/").hasSizeGreaterThan(10);
    return tests.stream();
  }

  @Test
  void readmeShowsTheMavenCoordinatesOfThisVersion() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String parentPom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
    Matcher version =
        Pattern.compile("<artifactId>campaign-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(parentPom);
    assertThat(version.find()).isTrue();
    String bom = Files.readString(ROOT.resolve("campaign-bom/pom.xml"), StandardCharsets.UTF_8);
    assertThat(bom)
        .as("the BOM's version is the project's")
        .contains(
            "<artifactId>campaign-bom</artifactId>\n  <version>" + version.group(1) + "</version>");
    assertThat(readme)
        .contains("<groupId>com.fourrunr.campaign</groupId>")
        .contains("<artifactId>campaign-bom</artifactId>")
        .contains("<version>" + version.group(1) + "</version>")
        .contains("<artifactId>campaign-core</artifactId>");
  }

  /** The statements of a block, wrapped in a class, compile; the error names the page and line. */
  private void assertCompiles(String name, String className, String block) throws IOException {
    List<String> imports = new ArrayList<>();
    List<String> parameters = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    String source;
    if (TYPE_DECLARATION.matcher(block).find()) {
      source = block;
      Matcher type = Pattern.compile("(class|record|interface|enum)\\s+(\\w+)").matcher(block);
      type.find();
      className = type.group(2);
    } else {
      boolean first = true;
      for (String line : block.split("\n", -1)) {
        Matcher given = GIVEN.matcher(line.trim());
        if (first && given.matches()) {
          for (String p : given.group(1).split(",")) {
            parameters.add(p.trim());
          }
        } else if (line.startsWith("import ")) {
          imports.add(line);
        } else {
          body.append(line).append('\n');
        }
        if (!line.isBlank()) {
          first = false;
        }
      }
      source =
          String.join("\n", imports)
              + "\n\n@SuppressWarnings(\"unused\")\nclass "
              + className
              + " {\n  void run("
              + String.join(", ", parameters)
              + ") throws Exception {\n"
              + body
              + "  }\n}\n";
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    List<String> options =
        List.of(
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            "-proc:none",
            "--release",
            "17");
    boolean ok =
        compiler
            .getTask(new StringWriter(), null, diagnostics, options, null, List.of(file))
            .call();
    StringBuilder errors = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors
            .append("\n  line ")
            .append(d.getLineNumber())
            .append(": ")
            .append(d.getMessage(Locale.ROOT));
      }
    }
    assertThat(ok)
        .as(
            "the java block at %s compiles as written:%s%n--- compiled as ---%n%s",
            name, errors, source)
        .isTrue();
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  private static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("campaign-bom"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "project root (with campaign-bom/) not found above the working directory");
    }
    return dir;
  }
}
