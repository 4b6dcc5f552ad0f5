#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls hyper needs, straight over libc: hyper keeps
/// Foundation off its start-up path.
enum FileSystem {
    enum ReadError: Error, Equatable {
        case system(String)
        case notARegularFile
        case tooLarge(Int)
    }

    /// The bytes of a regular file; refuses one larger than `limit` before reading it.
    static func readFile(_ path: String, limit: Int) -> Result<[UInt8], ReadError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.system(errorText())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.system(errorText())) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notARegularFile) }
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
            if read(fd, &extra, 1) == 1 { return .failure(.tooLarge(size + 1)) }
        }
        return .success(Array(bytes[0..<total]))
    }

    /// The names in a directory (without `.` and `..`), or nil if it cannot be read.
    static func list(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    enum Kind { case missing, file, directory, other }

    /// What is at `path`, following symbolic links.
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func isExecutable(_ path: String) -> Bool {
        access(path, X_OK) == 0
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        return buffer.withUnsafeMutableBufferPointer { pointer in
            guard let base = pointer.baseAddress, getcwd(base, pointer.count) != nil else { return "." }
            return String(cString: base)
        }
    }

    static func errorText() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
