use std::io::{self, Read};

/// The length of the longest strictly increasing subsequence.
fn length_of_lis(nums: &[i64]) -> i64 {
    // TODO: your solution here.
    let _ = nums;
    0
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = tokens.next().unwrap() as usize;
    let nums: Vec<i64> = tokens.take(n).collect();
    println!("{}", length_of_lis(&nums));
}
