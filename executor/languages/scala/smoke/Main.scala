object Main {
  def main(args: Array[String]): Unit = {
    val Array(a, b) = scala.io.StdIn.readLine().trim.split(" ").map(_.toInt)
    println("Hello, CodeSync!")
    println(s"sum=${a + b}")
  }
}
