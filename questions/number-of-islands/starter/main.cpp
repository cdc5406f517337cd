#include <iostream>
#include <string>
#include <vector>

using namespace std;

// The number of islands of 1s connected up, down, left or right. grid[r][c] is '0' or '1'.
int countIslands(vector<string>& grid) {
    // TODO: your solution here.
    (void)grid;
    return 0;
}

int main() {
    ios::sync_with_stdio(false);
    int rows, cols;
    cin >> rows >> cols;
    vector<string> grid(rows);
    for (string& row : grid) cin >> row;
    cout << countIslands(grid) << "\n";
    return 0;
}
