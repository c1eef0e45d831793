#include <cstdio>
int main() { std::puts("ububiko"); return 0; }
