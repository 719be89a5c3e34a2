package com.fourrunr.campaign.quality;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A list of phrases compiled into one Aho-Corasick automaton: one pass over a text finds every
 * phrase it holds, where many regular expressions (one per phrase) would each read it. A phrase
 * that starts (ends) with a letter or digit matches only where no letter or number comes before
 * (after) it, as the look-arounds {@code (?<![\p{L}\p{N}])} and {@code (?![\p{L}\p{N}])} would.
 * Matching is exact: callers lower-case both sides. Immutable and thread-safe once built.
 */
final class PhraseScanner {
  private final String[] phrases;
  private final boolean[] boundedStart;
  private final boolean[] boundedEnd;

  /** Per node: the characters it has transitions on (sorted) and the nodes they lead to. */
  private final char[][] edgeChars;

  private final int[][] edgeTargets;
  private final int[] fail;

  /** Per node: the phrases that end there, its own and those of its failure chain. */
  private final int[][] outputs;

  /**
   * The automaton as a table (failure links followed ahead of time): the node after node {@code n}
   * reads a character of class {@code k} is {@code moves[n * classes + k]}. Class 0 is every
   * character no phrase holds (back to the root); ASCII characters find their class in {@link
   * #asciiClass}, others in {@link #otherChars}.
   */
  private final int[] moves;

  private final int classes;
  private final int[] asciiClass = new int[128];

  /**
   * The non-ASCII characters the phrases hold, sorted; the class of {@code otherChars[i]} is in
   * {@link #otherClass}.
   */
  private final char[] otherChars;

  private final int[] otherClass;

  /**
   * @param phrases the phrases to find, as matched (lower-cased by the caller)
   * @param boundaries per phrase, the text whose first and last characters say whether the phrase
   *     needs a word boundary there (the phrase itself, or its original spelling)
   */
  PhraseScanner(List<String> phrases, List<String> boundaries) {
    int k = phrases.size();
    this.phrases = phrases.toArray(new String[0]);
    this.boundedStart = new boolean[k];
    this.boundedEnd = new boolean[k];
    List<TreeMap<Character, Integer>> edges = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    edges.add(new TreeMap<>());
    ends.add(new ArrayList<>());
    for (int p = 0; p < k; p++) {
      String b = boundaries.get(p);
      boundedStart[p] = !b.isEmpty() && Character.isLetterOrDigit(b.charAt(0));
      boundedEnd[p] = !b.isEmpty() && Character.isLetterOrDigit(b.charAt(b.length() - 1));
      String phrase = this.phrases[p];
      if (phrase.isEmpty()) {
        continue;
      }
      int node = 0;
      for (int i = 0; i < phrase.length(); i++) {
        Integer next = edges.get(node).get(phrase.charAt(i));
        if (next == null) {
          next = edges.size();
          edges.add(new TreeMap<>());
          ends.add(new ArrayList<>());
          edges.get(node).put(phrase.charAt(i), next);
        }
        node = next;
      }
      ends.get(node).add(p);
    }
    int n = edges.size();
    edgeChars = new char[n][];
    edgeTargets = new int[n][];
    for (int node = 0; node < n; node++) {
      TreeMap<Character, Integer> e = edges.get(node);
      edgeChars[node] = new char[e.size()];
      edgeTargets[node] = new int[e.size()];
      int i = 0;
      for (var entry : e.entrySet()) {
        edgeChars[node][i] = entry.getKey();
        edgeTargets[node][i] = entry.getValue();
        i++;
      }
    }
    // failure links and merged outputs, breadth first
    fail = new int[n];
    outputs = new int[n][];
    outputs[0] = toArray(ends.get(0));
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int child : edgeTargets[0]) {
      fail[child] = 0;
      outputs[child] = toArray(ends.get(child));
      queue.add(child);
    }
    while (!queue.isEmpty()) {
      int node = queue.poll();
      for (int i = 0; i < edgeChars[node].length; i++) {
        char c = edgeChars[node][i];
        int child = edgeTargets[node][i];
        int f = fail[node];
        int to = next(f, c);
        while (to < 0 && f != 0) {
          f = fail[f];
          to = next(f, c);
        }
        fail[child] = to < 0 || to == child ? 0 : to;
        int[] own = toArray(ends.get(child));
        int[] inherited = outputs[fail[child]];
        int[] all = Arrays.copyOf(own, own.length + inherited.length);
        System.arraycopy(inherited, 0, all, own.length, inherited.length);
        outputs[child] = all;
        queue.add(child);
      }
    }
    // the table: one class per character the phrases hold
    TreeSet<Character> alphabet = new TreeSet<>();
    for (char[] chars : edgeChars) {
      for (char c : chars) {
        alphabet.add(c);
      }
    }
    List<Character> others = new ArrayList<>();
    int cls = 1;
    for (char c : alphabet) {
      if (c < 128) {
        asciiClass[c] = cls++;
      } else {
        others.add(c);
      }
    }
    otherChars = new char[others.size()];
    otherClass = new int[others.size()];
    for (int i = 0; i < otherChars.length; i++) {
      otherChars[i] = others.get(i);
      otherClass[i] = cls++;
    }
    classes = cls;
    moves = new int[n * classes];
    // breadth first, so a node's failure node has its row already
    ArrayDeque<Integer> order = new ArrayDeque<>();
    order.add(0);
    while (!order.isEmpty()) {
      int node = order.poll();
      for (char c : alphabet) {
        int to = next(node, c);
        int cell = node * classes + classOf(c);
        if (to >= 0) {
          moves[cell] = to;
          order.add(to);
        } else {
          moves[cell] = node == 0 ? 0 : moves[fail[node] * classes + classOf(c)];
        }
      }
    }
  }

  /** The phrase at {@code index}, as given. */
  String phrase(int index) {
    return phrases[index];
  }

  /** Which phrases {@code text} holds (within their word boundaries), by index; one pass. */
  boolean[] find(String text) {
    boolean[] found = new boolean[phrases.length];
    int node = 0;
    for (int i = 0; i < text.length(); i++) {
      node = moves[node * classes + classOf(text.charAt(i))];
      for (int p : outputs[node]) {
        if (!found[p] && fits(text, p, i + 1 - phrases[p].length(), i + 1)) {
          found[p] = true;
        }
      }
    }
    return found;
  }

  private boolean fits(String text, int p, int start, int end) {
    if (boundedStart[p] && start > 0 && isLetterOrNumber(text.codePointBefore(start))) {
      return false;
    }
    return !(boundedEnd[p] && end < text.length() && isLetterOrNumber(text.codePointAt(end)));
  }

  /** {@code \p{L}} or {@code \p{N}}. */
  private static boolean isLetterOrNumber(int codePoint) {
    if (Character.isLetter(codePoint)) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private int classOf(char c) {
    if (c < 128) {
      return asciiClass[c];
    }
    int i = Arrays.binarySearch(otherChars, c);
    return i < 0 ? 0 : otherClass[i];
  }

  private int next(int node, char c) {
    char[] chars = edgeChars[node];
    int i = Arrays.binarySearch(chars, c);
    return i < 0 ? -1 : edgeTargets[node][i];
  }

  private static int[] toArray(List<Integer> list) {
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}
