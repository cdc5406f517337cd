#include <iostream>

int main() {
    int a, b;
    std::cin >> a >> b;
    std::cout << "Hello, CodeSync!" << std::endl;
    std::cout << "sum=" << a + b << std::endl;
}
