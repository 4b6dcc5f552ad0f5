// How the `hyper` binary tells the Swift runtime its arguments.
//
// The Swift standard library asks `_swift_stdlib_getUnsafeArgvArgc` for
// argc and argv. In a statically linked program on Linux, the runtime's own
// definition finds them with a constructor that opens /proc/self/maps, scans
// it with sscanf to find the stack, and walks the stack back from `environ`:
// five system calls and some 50,000 instructions on every start. glibc hands
// every ELF constructor argc, argv and envp, so this one keeps them, and
// these two definitions stand in for the runtime's (the linker then never
// takes the runtime's CommandLine object out of libswiftCore.a).
//
// If a Swift release renamed these functions, the runtime's object would be
// linked again and would answer as before; if it added another symbol to
// that object that something uses, linking would fail on the duplicate
// definitions, loudly. release/README.md measures what this saves.

__attribute__((nodebug)) static int saved_argc;
__attribute__((nodebug)) static char **saved_argv;

__attribute__((constructor(101), nodebug))
static void hyper_keep_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    saved_argc = argc;
    saved_argv = argv;
}

__attribute__((nodebug)) char **_swift_stdlib_getUnsafeArgvArgc(int *outArgLen) {
    *outArgLen = saved_argc;
    return saved_argv;
}

__attribute__((nodebug)) void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) {
    saved_argv = argv;
    saved_argc = argc;
}
