/* The floor for `hyper <cmd>`: a static program that does nothing but
 * execve the command's program. bench/run.py builds it with
 * `cc -O2 -static` and times it beside hyper. */
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    (void)argc;
    execve(argv[1], argv + 1, environ);
    return 127;
}
