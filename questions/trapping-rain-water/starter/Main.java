import java.io.*;
import java.util.*;

public class Main {
    /** The units of water trapped between the bars. */
    static long trap(int[] nums) {
        // TODO: your solution here.
        return 0;
    }

    public static void main(String[] args) throws IOException {
        StreamTokenizer in = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        in.nextToken();
        int n = (int) in.nval;
        int[] nums = new int[n];
        for (int k = 0; k < n; k++) {
            in.nextToken();
            nums[k] = (int) in.nval;
        }
        System.out.println(trap(nums));
    }
}
