#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Immutable bytes of a GGUF file: a read-only memory mapping of the file, or an owned copy
/// (for files built in memory by tests).
///
/// Mapping does not read the file; pages are faulted in only when a tensor is decoded, so
/// opening and indexing a multi-gigabyte model touches only its header.
final class ByteSource: @unchecked Sendable {
    // @unchecked: the memory is never written after init and lives until deinit.
    let base: UnsafeRawPointer?
    let count: Int
    private let isMapped: Bool

    /// Maps the file at `path` read-only.
    init(mapping path: String) throws(GGUFError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotOpen(path: path, detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotOpen(path: path, detail: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .cannotOpen(path: path, detail: "not a regular file") }
        let size = Int(info.st_size)
        count = size
        isMapped = size > 0
        if size == 0 {
            base = nil
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            throw .cannotOpen(path: path, detail: "mmap failed: \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(address)
    }

    /// Copies `bytes` into an owned buffer.
    init(copying bytes: [UInt8]) {
        count = bytes.count
        isMapped = false
        if bytes.isEmpty {
            base = nil
            return
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 64)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        base = UnsafeRawPointer(buffer)
    }

    deinit {
        guard let base else { return }
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: base), count)
        } else {
            base.deallocate()
        }
    }

    /// The bytes `range`, which the caller has bounds-checked against `count`.
    func buffer(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "unchecked byte range")
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
    }
}

/// Where a truncation happened, for the error it becomes.
enum ReadSection {
    case header
    case metadata(String)
    case tensorInfo(String)

    var truncationError: GGUFError {
        switch self {
        case .header: .truncatedHeader
        case .metadata(let key): .truncatedMetadata(key: key)
        case .tensorInfo(let name): .truncatedTensorInfo(tensor: name)
        }
    }
}

/// A bounds-checked little-endian reader over a `ByteSource`.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var position = 0
    /// What is being read; a read past the end throws this section's truncation error.
    var section = ReadSection.header

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }

    @inline(__always)
    private mutating func load<T: FixedWidthInteger>(_: T.Type) throws(GGUFError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw section.truncationError }
        let v = bytes.loadUnaligned(fromByteOffset: position, as: T.self)
        position += size
        return T(littleEndian: v)
    }

    mutating func u8() throws(GGUFError) -> UInt8 { try load(UInt8.self) }
    mutating func u16() throws(GGUFError) -> UInt16 { try load(UInt16.self) }
    mutating func u32() throws(GGUFError) -> UInt32 { try load(UInt32.self) }
    mutating func u64() throws(GGUFError) -> UInt64 { try load(UInt64.self) }

    /// A length-prefixed UTF-8 string of at most `limit` bytes (invalid UTF-8 is repaired).
    mutating func string(limit: Int, context: @autoclosure () -> String) throws(GGUFError) -> String {
        let length = try u64()
        guard length <= UInt64(limit) else {
            throw .oversizedLength(context: context(), length: length, limit: UInt64(limit))
        }
        guard length <= UInt64(remaining) else { throw section.truncationError }
        let n = Int(length)
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)])
        position += n
        return String(decoding: slice, as: UTF8.self)
    }
}
