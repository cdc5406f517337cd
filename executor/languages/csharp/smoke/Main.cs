using System;

public class Program
{
    public static void Main()
    {
        var parts = Console.ReadLine().Split(' ');
        Console.WriteLine("Hello, CodeSync!");
        Console.WriteLine("sum=" + (int.Parse(parts[0]) + int.Parse(parts[1])));
    }
}
