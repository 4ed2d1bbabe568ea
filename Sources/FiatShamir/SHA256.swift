internal import CSHA256

/// A 32-byte SHA-256 digest.
public struct Digest: Hashable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "Digest: expected 32 bytes")
        self.bytes = bytes
    }

    public var description: String { bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined() }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// SHA-256 over byte buffers (the C core uses the CPU's SHA extensions when present).
public enum SHA256 {
    public static func hash(_ bytes: some Collection<UInt8>) -> Digest {
        var out = [UInt8](repeating: 0, count: 32)
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            zkc_sha256(buffer.baseAddress, buffer.count, &out)
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { zkc_sha256($0.baseAddress, $0.count, &out) }
        }
        return Digest(bytes: out)
    }

    /// Whether the accelerated (SHA-NI) core is in use.
    public static var isAccelerated: Bool { zkc_sha256_accelerated() != 0 }
}

/// Incremental SHA-256.
public struct SHA256Hasher {
    private var context = zkc_sha256_ctx()

    public init() { zkc_sha256_init(&context) }

    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            zkc_sha256_update(&context, buffer.baseAddress, buffer.count)
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { zkc_sha256_update(&context, $0.baseAddress, $0.count) }
        }
    }

    public mutating func update(uint64 value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { zkc_sha256_update(&context, $0.baseAddress, 8) }
    }

    public mutating func finalize() -> Digest {
        var out = [UInt8](repeating: 0, count: 32)
        zkc_sha256_final(&context, &out)
        return Digest(bytes: out)
    }
}
