import java.io.*;
import java.util.*;

public class Main {
    /** Whether every bracket in s is closed by its kind, in order. */
    static boolean isValid(String s) {
        // TODO: your solution here.
        return false;
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String s = in.readLine();
        System.out.println(isValid(s == null ? "" : s) ? "true" : "false");
    }
}
