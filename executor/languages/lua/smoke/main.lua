local a, b = io.read("n", "n")
print("Hello, CodeSync!")
print("sum=" .. (a + b))
