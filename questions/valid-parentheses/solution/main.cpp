#include <iostream>
#include <string>
#include <vector>

using namespace std;

// A stack of the openers still waiting for their closer.
bool isValid(const string& s) {
    vector<char> stack;
    for (char ch : s) {
        char opener = ch == ')' ? '(' : ch == ']' ? '[' : ch == '}' ? '{' : 0;
        if (!opener) {
            stack.push_back(ch);
        } else {
            if (stack.empty() || stack.back() != opener) return false;
            stack.pop_back();
        }
    }
    return stack.empty();
}

int main() {
    string s;
    getline(cin, s);
    cout << (isValid(s) ? "true" : "false") << "\n";
    return 0;
}
