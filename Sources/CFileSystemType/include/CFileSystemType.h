#ifndef HYPER_CFILESYSTEMTYPE_H
#define HYPER_CFILESYSTEMTYPE_H

/// The type of the file system an open descriptor is on: `fstatfs`'s
/// `f_type` on Linux (a magic number, such as 0xEF53 for ext4), or -1 when
/// it cannot be read. Swift's Glibc module does not import `<sys/vfs.h>`.
long long hyper_file_system_type(int descriptor);

#endif
