/**
 * An interactive Java program the interactive-run tests type into (executor and browser):
 * it prompts, sums each number typed, prompts again, and prints "done" at end of input.
 */
export const SCANNER_SUM_JAVA = [
  'import java.util.Scanner;',
  'public class Main {',
  '  public static void main(String[] args) {',
  '    Scanner in = new Scanner(System.in);',
  '    int sum = 0;',
  '    System.out.print("number? ");',
  '    while (in.hasNextInt()) { sum += in.nextInt(); System.out.print("sum " + sum + ", number? "); }',
  '    System.out.println("done");',
  '  }',
  '}',
].join('\n');
