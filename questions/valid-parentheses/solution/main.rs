use std::io;

// A stack of the openers still waiting for their closer.
fn is_valid(s: &str) -> bool {
    let mut stack = Vec::new();
    for ch in s.chars() {
        let opener = match ch {
            ')' => '(',
            ']' => '[',
            '}' => '{',
            _ => {
                stack.push(ch);
                continue;
            }
        };
        if stack.pop() != Some(opener) {
            return false;
        }
    }
    stack.is_empty()
}

fn main() {
    let mut line = String::new();
    io::stdin().read_line(&mut line).unwrap();
    let s = line.trim_end_matches('\n');
    println!("{}", if is_valid(s) { "true" } else { "false" });
}
