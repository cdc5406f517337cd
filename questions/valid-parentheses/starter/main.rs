use std::io;

/// Whether every bracket in s is closed by its kind, in order.
fn is_valid(s: &str) -> bool {
    // TODO: your solution here.
    let _ = s;
    false
}

fn main() {
    let mut line = String::new();
    io::stdin().read_line(&mut line).unwrap();
    let s = line.trim_end_matches('\n');
    println!("{}", if is_valid(s) { "true" } else { "false" });
}
