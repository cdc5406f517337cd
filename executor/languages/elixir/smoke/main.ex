defmodule Main do
  def main do
    [a, b] = IO.read(:stdio, :line) |> String.split() |> Enum.map(&String.to_integer/1)
    IO.puts("Hello, CodeSync!")
    IO.puts("sum=#{a + b}")
  end
end
