use std::io::{self, Read};

// Kadane: the best sum ending here either extends the previous one or starts anew.
fn max_subarray(nums: &[i64]) -> i64 {
    let mut best = nums[0];
    let mut current = nums[0];
    for &x in &nums[1..] {
        current = x.max(current + x);
        best = best.max(current);
    }
    best
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = tokens.next().unwrap() as usize;
    let nums: Vec<i64> = tokens.take(n).collect();
    println!("{}", max_subarray(&nums));
}
