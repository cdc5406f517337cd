#!/bin/sh
# elixir: elixirc compiles the folder's modules into /tmp/build; the run calls Main.main().
# Compiling runs the code in a module's body and its macros, so the analysis only parses
# (Code.string_to_quoted never evaluates) and prints syntax errors in the gnu format.
PARSE='for f <- System.argv() do
  case Code.string_to_quoted(File.read!(f), file: f, columns: true) do
    {:ok, _} -> :ok
    {:error, {at, message, token}} ->
      {line, col} = if is_list(at), do: {at[:line], at[:column] || 1}, else: {at, 1}
      text = if is_tuple(message), do: elem(message, 0) <> token <> elem(message, 1), else: message <> token
      IO.puts("#{f}:#{line}:#{col}: error: #{text}")
  end
end'
case "$1" in
  analyze) elixir -e "$PARSE" $(find . -name '*.ex' -o -name '*.exs') ;;
  compile) elixirc --ignore-module-conflict -o /tmp/build $(find . -name '*.ex') ;;
  run) exec elixir -pa /tmp/build -e 'Main.main()' ;;
esac
