package dev.polyshop.search.index;

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and transpositions of
 * adjacent characters, each counted once) over code points, bounded: anything past the bound is
 * reported as {@code bound + 1} as soon as it is certain.
 */
final class EditDistance {

  private EditDistance() {}

  /**
   * The distance between {@code a[aFrom, a.length)} and {@code b[bFrom, bTo)}, or {@code bound + 1}
   * when it is larger than {@code bound}.
   */
  static int withinBound(int[] a, int aFrom, int[] b, int bFrom, int bTo, int bound) {
    int n = a.length - aFrom;
    int m = bTo - bFrom;
    if (Math.abs(n - m) > bound) {
      return bound + 1;
    }
    // Three rows of the dynamic programme: two back (for transpositions), one back, current.
    int[] twoBack = new int[m + 1];
    int[] oneBack = new int[m + 1];
    int[] row = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      oneBack[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      row[0] = i;
      int rowMin = i;
      int ai = a[aFrom + i - 1];
      for (int j = 1; j <= m; j++) {
        int bj = b[bFrom + j - 1];
        int cost = ai == bj ? 0 : 1;
        int d = Math.min(Math.min(oneBack[j] + 1, row[j - 1] + 1), oneBack[j - 1] + cost);
        if (i > 1 && j > 1 && ai == b[bFrom + j - 2] && a[aFrom + i - 2] == bj) {
          d = Math.min(d, twoBack[j - 2] + 1);
        }
        row[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > bound) {
        return bound + 1;
      }
      int[] spare = twoBack;
      twoBack = oneBack;
      oneBack = row;
      row = spare;
    }
    return Math.min(oneBack[m], bound + 1);
  }
}
