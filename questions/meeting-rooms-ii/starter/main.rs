use std::io::{self, Read};

/// The fewest rooms that hold every meeting. Each interval is (start, end).
fn min_rooms(intervals: &[(i64, i64)]) -> usize {
    // TODO: your solution here.
    let _ = intervals;
    0
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = tokens.next().unwrap() as usize;
    let intervals: Vec<(i64, i64)> = (0..n).map(|_| (tokens.next().unwrap(), tokens.next().unwrap())).collect();
    println!("{}", min_rooms(&intervals));
}
