import java.io.*;

public class Main {
    // Kadane: the best sum ending here either extends the previous one or starts anew.
    static long maxSubarray(int[] nums) {
        long best = nums[0];
        long current = nums[0];
        for (int k = 1; k < nums.length; k++) {
            current = Math.max(nums[k], current + nums[k]);
            best = Math.max(best, current);
        }
        return best;
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
        System.out.println(maxSubarray(nums));
    }
}
