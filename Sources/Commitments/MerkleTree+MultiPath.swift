public import FiatShamir

/// The siblings needed to recompute the root from several leaves at once.
///
/// Siblings are listed level by level from the leaves up, each level in increasing node order,
/// and only when the verifier cannot compute them itself (shared ancestors are sent once).
public struct MerkleMultiPath: Sendable, Equatable {
    public var siblings: [Digest]

    public init(siblings: [Digest]) { self.siblings = siblings }
}

extension MerkleTree {
    /// The multi-path for the leaves at `indices` (any order, duplicates allowed).
    public func open(_ indices: [Int]) -> MerkleMultiPath {
        var known = Array(Set(indices.map { $0 + leafCount })).sorted()
        var siblings = [Digest]()
        while known.first.map({ $0 > 1 }) ?? false {
            var parents = [Int]()
            var i = 0
            while i < known.count {
                let node = known[i]
                let sibling = node ^ 1
                if i + 1 < known.count, known[i + 1] == sibling {
                    i += 2
                } else {
                    siblings.append(Digest(bytes: Array(self.node(sibling))))
                    i += 1
                }
                if parents.last != node / 2 { parents.append(node / 2) }
            }
            known = parents
        }
        return MerkleMultiPath(siblings: siblings)
    }

    /// Checks that `leaves` (index → leaf digest) belong to the tree with `root`.
    ///
    /// ## Soundness
    /// Binding rests on SHA-256 collision resistance; the caller must have computed the leaf
    /// digests itself from the opened data.
    public static func verify(
        root: Digest, leafCount: Int, leaves: [(index: Int, digest: Digest)], path: MerkleMultiPath
    ) throws(CommitmentError) {
        guard leafCount > 0, leafCount & (leafCount - 1) == 0 else {
            throw .malformedProof("leaf count \(leafCount) is not a power of two")
        }
        var level: [(node: Int, digest: Digest)] = []
        for leaf in leaves {
            guard leaf.index >= 0, leaf.index < leafCount else {
                throw .indexOutOfRange(index: leaf.index, leafCount: leafCount)
            }
            level.append((leaf.index + leafCount, leaf.digest))
        }
        level.sort { $0.node < $1.node }
        // Duplicate indices must agree; keep one.
        var unique: [(node: Int, digest: Digest)] = []
        for entry in level {
            if let last = unique.last, last.node == entry.node {
                guard last.digest == entry.digest else { throw .merklePathMismatch }
            } else {
                unique.append(entry)
            }
        }
        level = unique
        var next = 0
        while let first = level.first, first.node > 1 {
            var parents: [(node: Int, digest: Digest)] = []
            var i = 0
            while i < level.count {
                let (node, digest) = level[i]
                let left: Digest, right: Digest
                if i + 1 < level.count, level[i + 1].node == node ^ 1 {
                    (left, right) = (digest, level[i + 1].digest)
                    i += 2
                } else {
                    guard next < path.siblings.count else {
                        throw .wrongSiblingCount(expected: next + 1, actual: path.siblings.count)
                    }
                    let sibling = path.siblings[next]
                    next += 1
                    (left, right) = node & 1 == 0 ? (digest, sibling) : (sibling, digest)
                    i += 1
                }
                parents.append((node / 2, nodeDigest(left, right)))
            }
            level = parents
        }
        guard next == path.siblings.count else {
            throw .wrongSiblingCount(expected: next, actual: path.siblings.count)
        }
        guard let computed = level.first, computed.digest == root else { throw .merklePathMismatch }
    }
}
