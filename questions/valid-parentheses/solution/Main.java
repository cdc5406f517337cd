import java.io.*;
import java.util.*;

public class Main {
    // A stack of the openers still waiting for their closer.
    static boolean isValid(String s) {
        Deque<Character> stack = new ArrayDeque<>();
        for (char ch : s.toCharArray()) {
            char opener = ch == ')' ? '(' : ch == ']' ? '[' : ch == '}' ? '{' : 0;
            if (opener == 0) stack.push(ch);
            else if (stack.isEmpty() || stack.pop() != opener) return false;
        }
        return stack.isEmpty();
    }

    public static void main(String[] args) throws IOException {
        String s = new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println(isValid(s == null ? "" : s) ? "true" : "false");
    }
}
