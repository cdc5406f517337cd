use std::io::{self, Read};

/// The overlapping intervals merged, sorted by start. Each interval is (start, end).
fn merge(intervals: &[(i64, i64)]) -> Vec<(i64, i64)> {
    // TODO: your solution here.
    let _ = intervals;
    Vec::new()
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = tokens.next().unwrap() as usize;
    let intervals: Vec<(i64, i64)> = (0..n).map(|_| (tokens.next().unwrap(), tokens.next().unwrap())).collect();
    let mut out = String::new();
    for (start, end) in merge(&intervals) {
        out.push_str(&format!("{} {}\n", start, end));
    }
    print!("{}", out);
}
