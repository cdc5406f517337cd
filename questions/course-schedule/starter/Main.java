import java.io.*;
import java.util.*;

public class Main {
    /** Whether all n courses can be taken in some order. prerequisites[k] is {course, before}. */
    static boolean canFinish(int n, int[][] prerequisites) {
        // TODO: your solution here.
        return false;
    }

    public static void main(String[] args) throws IOException {
        StreamTokenizer in = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        in.nextToken();
        int n = (int) in.nval;
        in.nextToken();
        int m = (int) in.nval;
        int[][] prerequisites = new int[m][2];
        for (int k = 0; k < m; k++) {
            in.nextToken();
            prerequisites[k][0] = (int) in.nval;
            in.nextToken();
            prerequisites[k][1] = (int) in.nval;
        }
        System.out.println(canFinish(n, prerequisites) ? "true" : "false");
    }
}
