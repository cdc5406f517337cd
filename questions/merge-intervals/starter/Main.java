import java.io.*;
import java.util.*;

public class Main {
    /** The overlapping intervals merged, sorted by start. intervals[k] is {start, end}. */
    static int[][] merge(int[][] intervals) {
        // TODO: your solution here.
        return new int[0][];
    }

    public static void main(String[] args) throws IOException {
        StreamTokenizer in = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        in.nextToken();
        int n = (int) in.nval;
        int[][] intervals = new int[n][2];
        for (int k = 0; k < n; k++) {
            in.nextToken();
            intervals[k][0] = (int) in.nval;
            in.nextToken();
            intervals[k][1] = (int) in.nval;
        }
        StringBuilder out = new StringBuilder();
        for (int[] interval : merge(intervals)) out.append(interval[0]).append(' ').append(interval[1]).append('\n');
        System.out.print(out);
    }
}
