import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int a = in.nextInt(), b = in.nextInt();
        System.out.println("Hello, CodeSync!");
        System.out.println("sum=" + (a + b));
    }
}
