#include <iostream>
#include <string>

using namespace std;

// Whether every bracket in s is closed by its kind, in order.
bool isValid(const string& s) {
    // TODO: your solution here.
    (void)s;
    return false;
}

int main() {
    string s;
    getline(cin, s);
    cout << (isValid(s) ? "true" : "false") << "\n";
    return 0;
}
