import java.io.*;
import java.util.*;

public class Main {
    /** The words grouped so that each group holds anagrams of one another. */
    static List<List<String>> groupAnagrams(String[] words) {
        // TODO: your solution here.
        List<List<String>> groups = new ArrayList<>();
        groups.add(new ArrayList<>(Arrays.asList(words)));
        return groups;
    }

    public static void main(String[] args) throws IOException {
        String[] tokens = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(tokens[0]);
        String[] words = Arrays.copyOfRange(tokens, 1, 1 + n);
        // The expected output: each group sorted, then the lines sorted.
        List<String> lines = new ArrayList<>();
        for (List<String> group : groupAnagrams(words)) {
            List<String> sorted = new ArrayList<>(group);
            Collections.sort(sorted);
            lines.add(String.join(" ", sorted));
        }
        Collections.sort(lines);
        System.out.println(String.join("\n", lines));
    }
}
