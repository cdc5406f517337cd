use std::io::{self, Read};

/// The fewest insertions, deletions and replacements from word1 to word2.
fn edit_distance(word1: &str, word2: &str) -> usize {
    // TODO: your solution here.
    let _ = (word1, word2);
    0
}

fn main() {
    // Either word may be empty: read lines, not whitespace-separated tokens.
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut lines = input.split('\n');
    let word1 = lines.next().unwrap_or("");
    let word2 = lines.next().unwrap_or("");
    println!("{}", edit_distance(word1, word2));
}
