use std::io::{self, Read};

/// The words grouped so that each group holds anagrams of one another.
fn group_anagrams(words: &[String]) -> Vec<Vec<String>> {
    // TODO: your solution here.
    vec![words.to_vec()]
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let n: usize = tokens.next().unwrap().parse().unwrap();
    let words: Vec<String> = tokens.take(n).map(String::from).collect();
    // The expected output: each group sorted, then the lines sorted.
    let mut lines: Vec<String> = group_anagrams(&words)
        .into_iter()
        .map(|mut group| {
            group.sort();
            group.join(" ")
        })
        .collect();
    lines.sort();
    println!("{}", lines.join("\n"));
}
