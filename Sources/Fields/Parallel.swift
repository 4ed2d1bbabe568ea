public import Dispatch

/// Runs `body` over `0..<count` split into contiguous chunks on all cores.
///
/// Work smaller than `minimumChunk` per core runs inline on the caller.
/// - Parameter body: called with a half-open range of indices; must be safe to run concurrently
///   on disjoint ranges.
@inlinable
public func parallelChunks(_ count: Int, minimumChunk: Int = 1 << 12, _ body: @Sendable (Range<Int>) -> Void) {
    let cores = ProcessInfoCores.active
    let chunks = min(cores * 4, max(1, count / max(1, minimumChunk)))
    if chunks <= 1 || cores == 1 {
        body(0..<count)
        return
    }
    let chunkSize = (count + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let start = c * chunkSize
        let end = min(count, start + chunkSize)
        if start < end { body(start..<end) }
    }
}

/// The number of cores work is spread over (overridable for single-core measurements).
public enum ProcessInfoCores {
    nonisolated(unsafe) public static var active: Int = {
        if let text = getenvString("ZKC_THREADS"), let n = Int(text), n > 0 { return n }
        return max(1, systemCoreCount())
    }()
}

/// A pointer wrapper that may cross into concurrent closures writing disjoint ranges.
@frozen
public struct SendablePointer<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    @inlinable public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
    @inlinable public subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
