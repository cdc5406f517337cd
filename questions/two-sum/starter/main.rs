use std::io::{self, Read};

/// The positions i < j of the two numbers that add up to target.
fn two_sum(nums: &[i64], target: i64) -> (usize, usize) {
    // TODO: your solution here.
    let _ = (nums, target);
    (0, 0)
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = tokens.next().unwrap() as usize;
    let nums: Vec<i64> = tokens.by_ref().take(n).collect();
    let target = tokens.next().unwrap();
    let (i, j) = two_sum(&nums, target);
    println!("{} {}", i, j);
}
