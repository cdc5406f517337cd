use std::io::{self, Read};

/// Whether all n courses can be taken in some order. Each prerequisite is (course, before).
fn can_finish(n: usize, prerequisites: &[(usize, usize)]) -> bool {
    // TODO: your solution here.
    let _ = (n, prerequisites);
    false
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace().map(|t| t.parse::<usize>().unwrap());
    let n = tokens.next().unwrap();
    let m = tokens.next().unwrap();
    let prerequisites: Vec<(usize, usize)> =
        (0..m).map(|_| (tokens.next().unwrap(), tokens.next().unwrap())).collect();
    println!("{}", if can_finish(n, &prerequisites) { "true" } else { "false" });
}
