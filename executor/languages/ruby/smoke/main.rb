a, b = $stdin.read.split.map(&:to_i)
puts "Hello, CodeSync!"
puts "sum=#{a + b}"
