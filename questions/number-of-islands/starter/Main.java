import java.io.*;
import java.util.*;

public class Main {
    /** The number of islands of 1s connected up, down, left or right. grid[r] is a row of '0' and '1'. */
    static int countIslands(char[][] grid) {
        // TODO: your solution here.
        return 0;
    }

    public static void main(String[] args) throws IOException {
        String[] tokens = new String(System.in.readAllBytes()).trim().split("\\s+");
        int rows = Integer.parseInt(tokens[0]);
        char[][] grid = new char[rows][];
        for (int r = 0; r < rows; r++) grid[r] = tokens[2 + r].toCharArray();
        System.out.println(countIslands(grid));
    }
}
