defmodule Main do
  def main do
    IO.puts(undefined_local_variable)
  end
end
