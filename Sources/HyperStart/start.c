// How the `hyper` binary tells the Swift runtime its arguments.
//
// The Swift standard library asks `_swift_stdlib_getUnsafeArgvArgc` for
// argc and argv. In a statically linked program on Linux, the runtime's own
// definition finds them with a constructor that opens /proc/self/maps, scans
// it with sscanf to find the stack, and walks the stack back from `environ`:
// five system calls and some 50,000 instructions on every start. glibc hands
// every ELF constructor argc, argv and envp, so this one keeps them, and
// this definition stands in for the runtime's (the linker then never takes
// the runtime's CommandLine object out of libswiftCore.a).
//
// Only with glibc: musl (the Static Linux SDK) calls constructors without
// arguments, and elsewhere the runtime has its own way; there this file is
// empty and the runtime answers as always. In a dynamically linked build
// (`swift build` in debug) libswiftCore.so keeps its own lookup to itself,
// and this one is simply not used. The runtime's setter,
// `_swift_stdlib_overrideUnsafeArgvArgc`, is not defined here: nothing in a
// static hyper calls it, and defining it would shadow the shared library's
// in a dynamic build.
//
// If a Swift release renamed the getter, the runtime's object would be
// linked again and would answer as before; if the standard library began to
// use another symbol of that object, linking would fail on the duplicate
// definition, loudly. release/README.md measures what this saves. The
// declarations carry `nodebug`: valgrind 3.19 cannot read the DWARF 5 clang
// emits beside Swift's DWARF 4.

#include <stdlib.h>  // defines __GLIBC__ where the C library is glibc

#if defined(__linux__) && defined(__GLIBC__)

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

#endif
