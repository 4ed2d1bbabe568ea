internal import CSHA256
public import FiatShamir
public import Fields

/// A binary Merkle tree over SHA-256.
///
/// Domain separation: a leaf digest is SHA-256(0x00 ‖ leaf bytes); an inner node is one
/// SHA-256 compression of (left ‖ right) from the chaining value IV_node = SHA-256("zkc/merkle/
/// node/v1") instead of the standard IV. Leaves and nodes are therefore different functions
/// (a node is a fixed-length 64-byte hash, one compression instead of two), and a node can
/// never be passed off as a leaf or the reverse.
public struct MerkleTree: Sendable {
    /// Number of leaves (a power of two).
    public let leafCount: Int
    /// All node digests, 32 bytes each, heap-ordered: node 1 is the root, node i has children
    /// 2i and 2i + 1, leaves are nodes leafCount..<2·leafCount.
    @usableFromInline var nodes: [UInt8]

    public var root: Digest { Digest(bytes: Array(nodes[32..<64])) }
    public var depth: Int { leafCount.trailingZeroBitCount }

    /// Builds the tree over leaf digests already computed (e.g. by ``leafDigest(_:)``).
    ///
    /// - Precondition: `leafDigests.count` is 32 × a power of two.
    public init(leafDigests: [UInt8]) {
        let count = leafDigests.count / 32
        precondition(count > 0 && count & (count - 1) == 0 && count * 32 == leafDigests.count,
                     "MerkleTree: leaf count must be a power of two")
        leafCount = count
        var nodes = [UInt8](repeating: 0, count: 64 * count)
        nodes.replaceSubrange((32 * count)..<(64 * count), with: leafDigests)
        nodes.withUnsafeMutableBufferPointer { buffer in
            let base = SendablePointer(buffer.baseAddress!)
            var levelStart = count / 2
            while levelStart >= 1 {
                let start = levelStart
                parallelChunks(start, minimumChunk: 1 << 10) { range in
                    for i in range {
                        let node = start + i
                        MerkleTree.hashNode(children: base.base + 64 * node, into: base.base + 32 * node)
                    }
                }
                levelStart /= 2
            }
        }
        if count == 1 {  // the root is the only leaf
            nodes.replaceSubrange(32..<64, with: leafDigests)
        }
        self.nodes = nodes
    }

    /// Builds the tree with `leafCount` leaves whose bytes `leafBytes(i, &buffer)` writes.
    public init(leafCount: Int, leafBytes: @Sendable (Int, inout [UInt8]) -> Void) {
        var digests = [UInt8](repeating: 0, count: 32 * leafCount)
        digests.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            parallelChunks(leafCount, minimumChunk: 64) { range in
                var scratch = [UInt8]()
                for i in range {
                    scratch.removeAll(keepingCapacity: true)
                    leafBytes(i, &scratch)
                    MerkleTree.hashLeaf(scratch, into: out.base + 32 * i)
                }
            }
        }
        self.init(leafDigests: digests)
    }

    /// Builds the tree over `leafCount` leaves of `leafSize` bytes each, stored contiguously.
    public init(leaves: [UInt8], leafSize: Int) {
        precondition(leafSize > 0 && leaves.count % leafSize == 0, "MerkleTree: ragged leaves")
        let count = leaves.count / leafSize
        var digests = [UInt8](repeating: 0, count: 32 * count)
        leaves.withUnsafeBufferPointer { source in
            let src = SendableReadPointer(source.baseAddress!)
            digests.withUnsafeMutableBufferPointer { buffer in
                let out = SendablePointer(buffer.baseAddress!)
                parallelChunks(count, minimumChunk: 1 << 10) { range in
                    for i in range { zkc_sha256_prefixed(0x00, src.base + leafSize * i, leafSize, out.base + 32 * i) }
                }
            }
        }
        self.init(leafDigests: digests)
    }

    /// The digest of node `index` (1 = root).
    func node(_ index: Int) -> ArraySlice<UInt8> { nodes[(32 * index)..<(32 * index + 32)] }

    // MARK: Hashing

    static let leafPrefix: [UInt8] = [0x00]

    /// SHA-256(0x00 ‖ bytes).
    public static func leafDigest(_ bytes: [UInt8]) -> Digest {
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBufferPointer { hashLeaf(bytes, into: $0.baseAddress!) }
        return Digest(bytes: out)
    }

    static func hashLeaf(_ bytes: [UInt8], into out: UnsafeMutablePointer<UInt8>) {
        bytes.withUnsafeBufferPointer { zkc_sha256_prefixed(0x00, $0.baseAddress, $0.count, out) }
    }

    /// IV_node: the first 32 bytes of SHA-256("zkc/merkle/node/v1"), as eight big-endian words.
    static let nodeIV: [UInt32] = {
        let digest = SHA256.hash(Array("zkc/merkle/node/v1".utf8)).bytes
        return (0..<8).map { (i: Int) -> UInt32 in
            var word: UInt32 = 0
            for k in 0..<4 { word = word << 8 | UInt32(digest[4 * i + k]) }
            return word
        }
    }()

    static func hashNode(children: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) {
        nodeIV.withUnsafeBufferPointer { zkc_sha256_compress_block($0.baseAddress, children, out) }
    }

    /// The parent digest of two child digests.
    public static func nodeDigest(_ left: Digest, _ right: Digest) -> Digest {
        let children = left.bytes + right.bytes
        var out = [UInt8](repeating: 0, count: 32)
        children.withUnsafeBufferPointer { c in
            out.withUnsafeMutableBufferPointer { hashNode(children: c.baseAddress!, into: $0.baseAddress!) }
        }
        return Digest(bytes: out)
    }
}
