use std::io::Read;

fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).unwrap();
    let n: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();
    println!("Hello, CodeSync!");
    println!("sum={}", n[0] + n[1]);
}
