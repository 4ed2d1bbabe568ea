import Commitments
import FiatShamir
import Fields
import Testing

@Suite struct MerkleTreeTests {
    static func tree(leaves: Int) -> MerkleTree {
        MerkleTree(leafCount: leaves) { i, bytes in bytes.append(contentsOf: Array("leaf \(i)".utf8)) }
    }

    static func leaf(_ i: Int) -> Digest { MerkleTree.leafDigest(Array("leaf \(i)".utf8)) }

    @Test func rootIsTheHashOfItsChildren() {
        let t = Self.tree(leaves: 2)
        #expect(t.root == MerkleTree.nodeDigest(Self.leaf(0), Self.leaf(1)))
    }

    @Test(arguments: [[0], [5], [0, 1], [3, 4, 9, 15], [7, 7, 2], Array(0..<16)])
    func multiPathOpeningVerifies(indices: [Int]) throws {
        let t = Self.tree(leaves: 16)
        let path = t.open(indices)
        try MerkleTree.verify(root: t.root, leafCount: 16, leaves: indices.map { ($0, Self.leaf($0)) }, path: path)
    }

    @Test func sharedSiblingsAreSentOnce() {
        let t = Self.tree(leaves: 16)
        #expect(t.open(Array(0..<16)).siblings.isEmpty)
        #expect(t.open([0, 1]).siblings.count == 3)
        #expect(t.open([0]).siblings.count == 4)
    }

    @Test func corruptedSiblingIsRejected() {
        let t = Self.tree(leaves: 16)
        var path = t.open([3, 9])
        for k in path.siblings.indices {
            var mutated = path
            mutated.siblings[k].bytes[0] ^= 1
            #expect(throws: CommitmentError.merklePathMismatch) {
                try MerkleTree.verify(root: t.root, leafCount: 16, leaves: [(3, Self.leaf(3)), (9, Self.leaf(9))], path: mutated)
            }
        }
        path.siblings.removeLast()
        #expect(throws: CommitmentError.wrongSiblingCount(expected: 1 + path.siblings.count, actual: path.siblings.count)) {
            try MerkleTree.verify(root: t.root, leafCount: 16, leaves: [(3, Self.leaf(3)), (9, Self.leaf(9))], path: path)
        }
    }

    @Test func wrongLeafOrIndexIsRejected() {
        let t = Self.tree(leaves: 8)
        let path = t.open([2])
        #expect(throws: CommitmentError.merklePathMismatch) {
            try MerkleTree.verify(root: t.root, leafCount: 8, leaves: [(2, Self.leaf(3))], path: path)
        }
        #expect(throws: CommitmentError.merklePathMismatch) {
            try MerkleTree.verify(root: t.root, leafCount: 8, leaves: [(3, Self.leaf(2))], path: path)
        }
        #expect(throws: CommitmentError.indexOutOfRange(index: 8, leafCount: 8)) {
            try MerkleTree.verify(root: t.root, leafCount: 8, leaves: [(8, Self.leaf(2))], path: path)
        }
    }

    @Test func extraSiblingIsRejected() {
        let t = Self.tree(leaves: 8)
        var path = t.open([2])
        path.siblings.append(path.siblings[0])
        #expect(throws: CommitmentError.wrongSiblingCount(expected: 3, actual: 4)) {
            try MerkleTree.verify(root: t.root, leafCount: 8, leaves: [(2, Self.leaf(2))], path: path)
        }
    }

    @Test func leafAndNodeHashesAreDomainSeparated() {
        // A node's 64 input bytes hashed as a leaf must not give the node digest.
        let a = Self.leaf(0), b = Self.leaf(1)
        #expect(MerkleTree.leafDigest(a.bytes + b.bytes) != MerkleTree.nodeDigest(a, b))
    }
}

@Suite struct MerkleTreeConstructionTests {
    @Test func contiguousLeavesMatchClosureLeaves() {
        for size in [1, 32, 54, 55, 56, 100] {
            let bytes = (0..<(size * 8)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) }
            let a = MerkleTree(leaves: bytes, leafSize: size)
            let b = MerkleTree(leafCount: 8) { i, out in out.append(contentsOf: bytes[(size * i)..<(size * i + size)]) }
            #expect(a.root == b.root, "leaf size \(size)")
            // And both equal the plain SHA-256 definition of a leaf digest.
            #expect(MerkleTree.leafDigest(Array(bytes[0..<size])) == SHA256.hash([0] + Array(bytes[0..<size])))
        }
    }
}
