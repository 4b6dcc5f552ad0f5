#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CFileSystemType

/// The few file-system calls hyper needs, straight over libc: hyper keeps
/// Foundation off its start-up path.
enum FileSystem {
    enum ReadError: Error, Equatable {
        case system(String)
        case notARegularFile
        case tooLarge(Int)
    }

    /// What identifies a version of a file without reading it: its inode,
    /// size, and change times in nanoseconds. Any write changes `ctime`, which
    /// no user can set back, so an edit that restores size and mtime still shows.
    struct Signature: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var changed: Int64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        }

        init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
            self.device = device
            self.inode = inode
            self.size = size
            self.modified = modified
            self.changed = changed
        }
    }

    /// The signature of a regular file, or nil.
    static func signature(_ path: String) -> Signature? {
        path.withCString { signature(cPath: $0) }
    }

    static func signature(cPath: UnsafePointer<CChar>) -> Signature? {
        signature(in: AT_FDCWD, cPath)
    }

    /// `signature(cPath:)` of `name` inside an open folder: one component to
    /// look up instead of the whole path (the index checks a hundred
    /// manifests of one folder on every warm call).
    static func signature(in folder: Int32, _ name: UnsafePointer<CChar>) -> Signature? {
        var info = stat()
        guard fstatat(folder, name, &info, 0) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Signature(info)
    }

    /// A folder's signature, taken from a descriptor opened on it (nil if it
    /// is not a folder): device, inode, size and times. Adding, removing or
    /// renaming an entry changes its mtime and ctime.
    static func folderSignature(_ descriptor: Int32) -> Signature? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return Signature(info)
    }

    /// The manifests a folder holds, as one listing saw them.
    struct ManifestListing {
        /// The names of the manifests (`*.yaml` and `*.yml` regular files,
        /// or links to one, not starting with `.`): their exact bytes, which
        /// need not be UTF-8, in the order `readdir` gave them.
        var names: [[UInt8]]
        /// The folder's signature, taken before the first entry was read: a
        /// change made while listing shows as a newer signature.
        var signature: Signature
        /// See `ManifestInputs.Folder.settled`.
        var settled: Bool

        /// An order-independent digest of the names, which the index keeps.
        var digest: UInt64 { ManifestNames.digest(names) }
    }

    /// Lists a folder's manifests. `readdir` says most entries' type itself;
    /// only links, and entries on file systems that do not say, cost a
    /// `stat` (made relative to the open folder), and such an entry named
    /// like a manifest leaves the listing unsettled: a link counts only
    /// while its target is a file, which can change with no change to the
    /// folder. So does a file system not known to keep folder times.
    static func listManifests(_ folder: String) -> ManifestListing? {
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        guard let signature = folderSignature(dirfd(dir)) else { return nil }
        var listing = ManifestListing(names: [], signature: signature, settled: keepsFolderTimes(dirfd(dir)))
        while let entry = readdir(dir) {
            let name = entryName(entry)
            let bytes = UnsafeRawBufferPointer(start: name, count: strlen(name))
            guard ManifestNames.isManifestName(bytes) else { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): break
            case Int32(DT_LNK), Int32(DT_UNKNOWN):
                listing.settled = false
                guard kind(in: dir, name) == .file else { continue }
            default: continue
            }
            listing.names.append(Array(bytes))
        }
        return listing
    }

    /// True when the folder's file system is one known to update a folder's
    /// mtime and ctime whenever an entry is added, removed or renamed, as
    /// POSIX says: local disks and memory. Network and FUSE file systems
    /// (some report fixed times, or times cached from elsewhere) and FAT
    /// (no ctime) are not trusted; their folders are listed on every call.
    static func keepsFolderTimes(_ descriptor: Int32) -> Bool {
        #if canImport(Glibc)
        switch hyper_file_system_type(descriptor) {
        case 0xEF53,  // ext2, ext3, ext4
             0x5846_5342,  // xfs
             0x9123_683E,  // btrfs
             0x0102_1994,  // tmpfs
             0xF2F5_2010,  // f2fs
             0x2FC1_2FC1,  // zfs
             0x794C_7630:  // overlayfs (changes made through it)
            return true
        default:
            return false
        }
        #else
        var info = statfs()
        guard fstatfs(descriptor, &info) == 0 else { return false }
        let name = withUnsafeBytes(of: info.f_fstypename) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return name == "apfs" || name == "hfs"
        #endif
    }

    /// The name in a `readdir` entry, read in place. A record may end right
    /// after its name's NUL, so loading the fixed-size `d_name` field (a
    /// 256-byte tuple) would read past the end of the directory buffer.
    static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
        UnsafeRawPointer(entry).advanced(by: MemoryLayout<dirent>.offset(of: \dirent.d_name)!).assumingMemoryBound(to: CChar.self)
    }

    /// The bytes of a regular file; refuses one larger than `limit` before reading it.
    static func readFile(_ path: String, limit: Int) -> Result<[UInt8], ReadError> {
        readFileWithSignature(path, limit: limit).map(\.bytes)
    }

    /// The bytes of a regular file and its signature, taken before reading, so
    /// a change made while reading shows as a different signature later.
    ///
    /// The file may have been replaced since it was listed: opened without
    /// blocking, so a FIFO (which would wait for a writer forever) or a
    /// device is seen by `fstat` and refused.
    static func readFileWithSignature(_ path: String, limit: Int) -> Result<(bytes: [UInt8], signature: Signature), ReadError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.system(errorText())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.system(errorText())) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notARegularFile) }
        // Reads of a regular file ignore O_NONBLOCK on Linux; cleared all the same.
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0 else { return .failure(.system(errorText())) }
        let size = Int(info.st_size)
        guard size <= limit else { return .failure(.tooLarge(size)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, size - total) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.system(errorText()))
            }
            if count == 0 { break }
            total += count
        }
        // A file that grew after fstat: read at most one byte past the limit to tell.
        if total == size {
            var extra: UInt8 = 0
            if read(fd, &extra, 1) == 1 && size + 1 > limit { return .failure(.tooLarge(size + 1)) }
        }
        if total < size { bytes.removeSubrange(total...) }
        return .success((bytes, Signature(info)))
    }

    enum Kind {
        case missing, file, directory, other

        init(_ info: stat) {
            switch info.st_mode & S_IFMT {
            case S_IFREG: self = .file
            case S_IFDIR: self = .directory
            default: self = .other
            }
        }
    }

    /// What is at `path`, following symbolic links.
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return Kind(info)
    }

    /// What the entry `name` of an open directory is, following symbolic links.
    static func kind(in dir: OpaquePointer, _ name: UnsafePointer<CChar>) -> Kind {
        var info = stat()
        guard fstatat(dirfd(dir), name, &info, 0) == 0 else { return .missing }
        return Kind(info)
    }

    /// True when `path` is `folder` or inside it as the disk resolves them,
    /// though their text says otherwise: the nearest existing folder on
    /// `path`'s way up is resolved with `realpath`, then it and each folder
    /// above it are compared with `folder` by device and inode, so symbolic
    /// links and bind mounts are seen through. `path` need not exist yet.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        var target = stat()
        guard stat(folder, &target) == 0 else { return false }
        var existing = path
        var resolved = realPath(existing)
        while resolved == nil && existing != "/" {
            existing = Path.parent(existing)
            resolved = realPath(existing)
        }
        guard var current = resolved else { return false }
        while true {
            var info = stat()
            if stat(current, &info) == 0 && info.st_dev == target.st_dev && info.st_ino == target.st_ino { return true }
            if current == "/" { return false }
            current = Path.parent(current)
        }
    }

    /// The path with every symbolic link, `.` and `..` resolved, if it exists.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(validatingCString: resolved)
    }

    /// The path of the file or folder an open descriptor refers to, links
    /// resolved: what it is, whatever path opened it.
    static func path(ofOpen descriptor: Int32) -> String? {
        #if canImport(Darwin)
        var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN))
        guard fcntl(descriptor, F_GETPATH, &buffer) != -1 else { return nil }
        return String(cString: buffer)
        #else
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        return length > 0 ? String(decoding: buffer[..<length], as: UTF8.self) : nil
        #endif
    }

    /// `path` with every symbolic link resolved, as the kernel would follow
    /// it; for a path that does not exist yet, its deepest existing folder
    /// resolved and the rest appended. Nil if nothing resolves.
    static func resolvedPath(_ path: String) -> String? {
        var existing = Path.absolute(path, from: "/")
        var rest: [String] = []
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                return rest.reduce(String(cString: resolved)) { Path.join($0, $1) }
            }
            guard existing != "/" else { return nil }
            rest.insert(String(existing[existing.index(after: existing.lastIndex(of: "/")!)...]), at: 0)
            existing = Path.parent(existing)
        }
    }

    static func isExecutable(_ path: String) -> Bool {
        access(path, X_OK) == 0
    }

    /// The current folder's absolute path, or why it cannot be known. hyper
    /// never guesses one: a relative path, the upward search for
    /// `commands.d` and `HYPER_INVOCATION_DIR` all start from it.
    static func currentDirectory() -> Result<String, UnknownDirectory> {
        let (path, problem) = currentDirectoryOrProblem()
        if let path { return .success(path) }
        return .failure(problem ?? .removed)
    }

    /// The folder to work from: `given`, else the current folder; when that
    /// cannot be known, `/` and why (relative paths are then refused, never
    /// resolved against the guess). Every call of `hyper` asks this, so it
    /// uses no generic `Result`, whose first use costs a runtime lookup.
    static func workingDirectory(given: String?) -> (path: String, problem: UnknownDirectory?) {
        if let given { return (given, nil) }
        let (path, problem) = currentDirectoryOrProblem()
        return (path ?? "/", problem)
    }

    private static func currentDirectoryOrProblem() -> (String?, UnknownDirectory?) {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        return buffer.withUnsafeMutableBufferPointer { pointer -> (String?, UnknownDirectory?) in
            guard let base = pointer.baseAddress, getcwd(base, pointer.count) != nil else {
                return (nil, UnknownDirectory(errno: errno))
            }
            // A repaired path would name another folder.
            guard let path = String(validatingCString: base) else { return (nil, .notUTF8) }
            return (path, nil)
        }
    }

    /// Why the current folder is unknown.
    enum UnknownDirectory: Error, Equatable {
        case removed
        case tooLong
        case notUTF8
        case system(String)

        init(errno code: Int32) {
            switch code {
            case ENOENT: self = .removed
            // The kernel returns at most a page; glibc's fallback then finds the buffer too small.
            case ENAMETOOLONG, ERANGE: self = .tooLong
            default: self = .system(String(cString: strerror(code)).lowercased())
            }
        }

        /// `the current folder has been removed`
        var reason: String {
            switch self {
            case .removed: "the current folder has been removed"
            case .tooLong: "the current folder's path is over \(PATH_MAX) bytes"
            case .notUTF8: "the current folder's path is not valid UTF-8"
            case .system(let text): "cannot tell the current folder: \(text)"
            }
        }
    }

    /// Seconds since the epoch.
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }

    /// Creates a folder and its parents (mode 0700 for new ones).
    static func makeFolders(_ path: String) -> Bool {
        if kind(path) == .directory { return true }
        let parent = Path.parent(path)
        if parent != path && !makeFolders(parent) { return false }
        return mkdir(path, 0o700) == 0 || errno == EEXIST
    }

    /// Writes all of `bytes` to `fd`, going on after interrupted or short
    /// writes; false on an error (`errno` says which).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }

    static func errorText() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
