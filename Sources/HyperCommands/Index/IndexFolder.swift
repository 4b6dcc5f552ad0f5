#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder of index files, opened once and used through its descriptor,
/// so the checks below hold for the very folder read and written.
///
/// hyper runs what an index says, so it trusts an index only as much as it
/// trusts whoever could write it: like ssh's StrictModes and git's
/// safe.directory, it uses a folder and a file only when the effective user
/// owns them and neither group nor others may write them. The folder's
/// ancestors are not checked. Files are opened with `O_NOFOLLOW`, so a
/// symbolic link planted in the folder is never followed.
final class IndexFolder {
    let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Opens the folder (creating it and its parents, mode 0700, when asked)
    /// and checks it is the user's own and private.
    ///
    /// (Typed throws rather than `Result`: a generic type's first use costs
    /// a runtime conformance search, more than the rest of a warm call.)
    static func at(_ path: String, creating: Bool) throws(ManifestIndex.Miss) -> IndexFolder {
        if creating && !FileSystem.makeFolders(path) {
            throw .unreadable("cannot create `\(path)`: \(FileSystem.errorText())")
        }
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? .absent : .unreadable("cannot open `\(path)`: \(FileSystem.errorText())")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw .unreadable("cannot read `\(path)`: \(FileSystem.errorText())")
        }
        if let problem = ownershipProblem(info, what: "folder `\(path)`") {
            close(descriptor)
            throw .refused(problem)
        }
        return IndexFolder(path: path, descriptor: descriptor)
    }

    /// Why a file or folder with this status must not be trusted, if it must not.
    static func ownershipProblem(_ info: stat, what: String) -> String? {
        let user = geteuid()
        if info.st_uid != user { return "\(what) is owned by uid \(info.st_uid), not \(user)" }
        if info.st_mode & 0o022 != 0 { return "\(what) is writable by group or others" }
        return nil
    }

    /// The index file `name`, opened for reading if it is a regular file of
    /// the user's own that others cannot write.
    func openFile(_ name: String) throws(ManifestIndex.Miss) -> IndexSource {
        let fd = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw errno == ENOENT ? .absent : .unreadable("cannot open `\(name)`: \(FileSystem.errorText())")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw .unreadable("cannot read `\(name)`: \(FileSystem.errorText())")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .refused("`\(name)` is not a regular file")
        }
        if let problem = Self.ownershipProblem(info, what: "`\(name)`") {
            close(fd)
            throw .refused(problem)
        }
        guard let size = Int(exactly: info.st_size) else {
            close(fd)
            throw .corrupt("size")
        }
        return .file(descriptor: fd, size: size)
    }

    /// Writes `name` whole or not at all: into a new private file beside it,
    /// then renamed over it, so a reader never sees half of it. Returns why
    /// not, if it was not written.
    func store(_ name: String, _ bytes: [UInt8]) -> String? {
        let temporary = ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return FileSystem.errorText() }
        let written = FileSystem.writeAll(fd, bytes)
        let reason = written ? nil : FileSystem.errorText()
        close(fd)
        guard written, renameat(descriptor, temporary, descriptor, name) == 0 else {
            let failure = reason ?? FileSystem.errorText()
            unlinkat(descriptor, temporary, 0)
            return failure
        }
        return nil
    }

    /// Days an index file may go unused before `prune` removes it.
    static let pruneAfterDays: Int64 = 30

    /// Removes index files (names `IndexKey.fileName` gives, and temporary
    /// files left by a write that died) that the user owns and that were
    /// neither written nor read for `pruneAfterDays`. Reads count through
    /// the access time where the file system keeps it (Linux's default
    /// `relatime` updates it about once a day); elsewhere an index is pruned
    /// that long after it was written, and costs one full load to rebuild.
    /// Returns how many files were removed.
    @discardableResult
    func prune(now: Int64, keeping kept: String) -> Int {
        let limit = now - Self.pruneAfterDays * 86_400
        let listing = dup(descriptor)
        guard listing >= 0, let dir = fdopendir(listing) else {
            if listing >= 0 { close(listing) }
            return 0
        }
        defer { closedir(dir) }
        var doomed: [String] = []
        while let entry = readdir(dir) {
            let name = String(cString: FileSystem.entryName(entry))
            guard name != kept else { continue }
            var raw = name
            let candidate = raw.withUTF8 { IndexKey.isIndexFileName(UnsafeRawBufferPointer($0)) }
                || (name.hasPrefix(".") && name.hasSuffix(".tmp") && name.contains(".idx."))
            guard candidate else { continue }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG,
                  info.st_uid == geteuid() else { continue }
            let used = max(Int64(info.st_atim.tv_sec), Int64(info.st_mtim.tv_sec))
            if used < limit { doomed.append(name) }
        }
        return doomed.reduce(0) { $0 + (unlinkat(descriptor, $1, 0) == 0 ? 1 : 0) }
    }
}
