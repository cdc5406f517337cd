// Run once at image build (java/Dockerfile) so the class-data-sharing archives hold the
// classes that javac and a typical interview program load.
import java.io.*;
import java.util.*;
import java.util.stream.*;

public class Warm {
    public static void main(String[] args) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in));
        Scanner in = new Scanner(reader.readLine());
        List<Integer> list = new ArrayList<>();
        while (in.hasNextInt()) list.add(in.nextInt());
        Map<Integer, Integer> counts = new HashMap<>();
        for (int x : list) counts.merge(x, 1, Integer::sum);
        PriorityQueue<Integer> heap = new PriorityQueue<>(Comparator.reverseOrder());
        heap.addAll(new TreeSet<>(list));
        Deque<Integer> deque = new ArrayDeque<>(list);
        StringBuilder out = new StringBuilder();
        out.append(list.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.println(out + " " + counts + " " + heap.peek() + " " + deque.size() + " " + Arrays.toString(new int[] {1}));
        System.out.printf("%d %s%n", list.size(), String.format("%.2f", Math.sqrt(2)));
    }
}
