import java.io.*;
import java.util.*;

public class Main {
    /** The positions i < j of the two numbers that add up to target. */
    static int[] twoSum(int[] nums, int target) {
        // TODO: your solution here.
        return new int[] {0, 0};
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
        in.nextToken();
        int target = (int) in.nval;
        int[] pair = twoSum(nums, target);
        System.out.println(pair[0] + " " + pair[1]);
    }
}
