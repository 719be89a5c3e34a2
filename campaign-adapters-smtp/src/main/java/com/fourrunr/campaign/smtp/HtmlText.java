package com.fourrunr.campaign.smtp;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * An HTML mail body reduced to plain text with jsoup's HTML parser, in time linear in the input:
 * the text of the body (links' text included, entities decoded), a line break for {@code <br>} and
 * around block elements, each line of a {@code <blockquote>} prefixed with {@code "> "} per level
 * (at most {@link #MAX_QUOTE_LEVELS}, so quoted history reads as quoted), whitespace collapsed as a
 * browser would (kept in {@code <pre>}), and no scripts, styles or {@code <head>}. The walk stops
 * when the text is long enough, so neither time nor the text grows faster than the input.
 * Thread-safe; no state.
 */
final class HtmlText {
  /** Elements that start and end a line. */
  private static final Set<String> BLOCKS =
      Set.of(
          "address",
          "article",
          "aside",
          "blockquote",
          "center",
          "dd",
          "details",
          "dialog",
          "div",
          "dl",
          "dt",
          "fieldset",
          "figcaption",
          "figure",
          "footer",
          "form",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "header",
          "hr",
          "li",
          "main",
          "nav",
          "ol",
          "p",
          "pre",
          "section",
          "summary",
          "table",
          "tbody",
          "thead",
          "tfoot",
          "tr",
          "ul",
          "caption",
          "body",
          "html");

  /** Elements whose content is not text a person reads. */
  private static final Set<String> SKIPPED =
      Set.of(
          "head",
          "script",
          "style",
          "template",
          "noscript",
          "title",
          "svg",
          "math",
          "object",
          "iframe");

  /** Quoted lines get at most this many {@code "> "}: deeper quotes are not told apart. */
  static final int MAX_QUOTE_LEVELS = 5;

  private HtmlText() {}

  /**
   * The text of {@code html}: at most {@code maxInputChars} of the HTML are parsed, and the text
   * stops after about {@code maxOutputChars}.
   */
  static String of(String html, int maxInputChars, int maxOutputChars) {
    String input = html.length() > maxInputChars ? html.substring(0, maxInputChars) : html;
    Element body = Jsoup.parse(input).body();
    Writer writer = new Writer(maxOutputChars);
    NodeTraversor.filter(writer, body);
    return writer.result();
  }

  /**
   * Collects the text while jsoup walks the tree (iteratively: no recursion, however deep the
   * tree).
   */
  private static final class Writer implements NodeFilter {
    private final StringBuilder out = new StringBuilder();
    private final int maxOutputChars;
    private int quoteDepth;
    private int preDepth;
    private boolean lineStart = true;
    private boolean pendingSpace;

    Writer(int maxOutputChars) {
      this.maxOutputChars = maxOutputChars;
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (out.length() >= maxOutputChars) {
        return FilterResult.STOP;
      }
      if (node instanceof Element e) {
        String name = e.normalName();
        if (SKIPPED.contains(name)) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (name.equals("br")) {
          lineBreak();
        } else if (BLOCKS.contains(name)) {
          endLine();
          if (name.equals("blockquote")) {
            quoteDepth++;
          } else if (name.equals("pre")) {
            preDepth++;
          }
        } else if (name.equals("td") || name.equals("th")) {
          pendingSpace = !lineStart;
        }
      } else if (node instanceof TextNode t) {
        text(t.getWholeText());
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element e) {
        String name = e.normalName();
        if (BLOCKS.contains(name)) {
          endLine();
          if (name.equals("p")) {
            blankLine();
          }
          if (name.equals("blockquote")) {
            quoteDepth--;
          } else if (name.equals("pre")) {
            preDepth--;
          }
        }
      }
      return out.length() >= maxOutputChars ? FilterResult.STOP : FilterResult.CONTINUE;
    }

    private void text(String s) {
      for (int i = 0; i < s.length() && out.length() < maxOutputChars; i++) {
        char c = s.charAt(i);
        if (preDepth > 0) {
          if (c == '\n') {
            lineBreak();
          } else if (c != '\r') {
            put(c);
          }
        } else if (Character.isWhitespace(c)) {
          pendingSpace = !lineStart;
        } else {
          if (pendingSpace) {
            put(' ');
          }
          put(c);
        }
      }
    }

    private void put(char c) {
      if (lineStart) {
        out.append("> ".repeat(Math.min(quoteDepth, MAX_QUOTE_LEVELS)));
        lineStart = false;
      }
      pendingSpace = false;
      out.append(c == '\u00a0' ? ' ' : c);
    }

    /** A block boundary: the next text starts on a new line. */
    private void endLine() {
      pendingSpace = false;
      if (!lineStart) {
        out.append('\n');
        lineStart = true;
      }
    }

    /** A {@code <br>}: ends the line, or makes a blank line when the line is empty. */
    private void lineBreak() {
      if (!lineStart) {
        endLine();
      } else {
        blankLine();
      }
    }

    /**
     * At most one blank line in a row: empty blocks and runs of {@code <br>} do not make pages of
     * nothing.
     */
    private void blankLine() {
      pendingSpace = false;
      int n = out.length();
      if (n > 0 && out.charAt(n - 1) == '\n' && (n < 2 || out.charAt(n - 2) != '\n')) {
        out.append('\n');
      }
    }

    String result() {
      return out.toString().strip();
    }
  }
}
