numbers <- scan(file("stdin"), quiet = TRUE)
cat("Hello, CodeSync!\n")
cat("sum=", sum(numbers), "\n", sep = "")
