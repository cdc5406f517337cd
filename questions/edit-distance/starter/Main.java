import java.io.*;
import java.util.*;

public class Main {
    /** The fewest insertions, deletions and replacements from word1 to word2. */
    static int editDistance(String word1, String word2) {
        // TODO: your solution here.
        return 0;
    }

    public static void main(String[] args) throws IOException {
        // Either word may be empty: read lines, not whitespace-separated tokens.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String word1 = in.readLine();
        String word2 = in.readLine();
        System.out.println(editDistance(word1 == null ? "" : word1, word2 == null ? "" : word2));
    }
}
