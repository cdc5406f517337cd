use std::io::{self, Read};

/// The number of islands of 1s connected up, down, left or right. grid[r] is a row of b'0' and b'1'.
fn count_islands(grid: &[Vec<u8>]) -> usize {
    // TODO: your solution here.
    let _ = grid;
    0
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let rows: usize = tokens.next().unwrap().parse().unwrap();
    let _cols: usize = tokens.next().unwrap().parse().unwrap();
    let grid: Vec<Vec<u8>> = tokens.take(rows).map(|row| row.as_bytes().to_vec()).collect();
    println!("{}", count_islands(&grid));
}
