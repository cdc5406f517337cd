fun main() {
    val (a, b) = readLine()!!.trim().split(" ").map { it.toInt() }
    println("Hello, CodeSync!")
    println("sum=${a + b}")
}
