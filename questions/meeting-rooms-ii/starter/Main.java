import java.io.*;
import java.util.*;

public class Main {
    /** The fewest rooms that hold every meeting. intervals[k] is {start, end}. */
    static int minRooms(int[][] intervals) {
        // TODO: your solution here.
        return 0;
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
        System.out.println(minRooms(intervals));
    }
}
