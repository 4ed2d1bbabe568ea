public import Fields
public import FiatShamir

/// Canonical bytes of a Ligero opening: every list is a 4-byte little-endian count followed by
/// its elements; decoding checks each count against the bytes that remain before allocating.
extension LigeroPCS.Proof {
    public func serialized() -> [UInt8] {
        var bytes = [UInt8]()
        Self.append(proximityRow, to: &bytes)
        Self.append(UInt32(evaluationRows.count), to: &bytes)
        for row in evaluationRows { Self.append(row, to: &bytes) }
        Self.append(UInt32(columns.count), to: &bytes)
        Self.append(UInt32(columns.first?.count ?? 0), to: &bytes)
        for column in columns { for v in column { v.encode(into: &bytes) } }
        Self.append(UInt32(path.siblings.count), to: &bytes)
        for s in path.siblings { bytes.append(contentsOf: s.bytes) }
        return bytes
    }

    public init(bytes: [UInt8]) throws(CommitmentError) {
        var reader = ByteReader(bytes)
        proximityRow = try reader.extensionElements("proximity row")
        let claimCount = try reader.count("evaluation rows", elementBytes: 4)
        var rows = [[GoldilocksExt2]]()
        for _ in 0..<claimCount { rows.append(try reader.extensionElements("evaluation row")) }
        evaluationRows = rows
        let columnCount = try reader.count("columns", elementBytes: 1)
        let columnLength = try reader.count("column length", elementBytes: 0)
        guard columnCount == 0 || columnLength <= reader.remaining / 8 / max(1, columnCount) else {
            throw .malformedProof("columns: \(columnCount) × \(columnLength) elements exceed the \(reader.remaining) bytes left")
        }
        var opened = [[Goldilocks]]()
        for _ in 0..<columnCount {
            var column = [Goldilocks]()
            column.reserveCapacity(columnLength)
            for _ in 0..<columnLength { column.append(try reader.baseElement()) }
            opened.append(column)
        }
        columns = opened
        let siblingCount = try reader.count("siblings", elementBytes: 32)
        var siblings = [Digest]()
        for _ in 0..<siblingCount { siblings.append(Digest(bytes: try reader.take(32))) }
        path = MerkleMultiPath(siblings: siblings)
        guard reader.remaining == 0 else { throw .malformedProof("\(reader.remaining) trailing bytes") }
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func append(_ values: [GoldilocksExt2], to bytes: inout [UInt8]) {
        append(UInt32(values.count), to: &bytes)
        for v in values { v.encode(into: &bytes) }
    }
}

/// Bounds-checked reader over untrusted bytes.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    mutating func take(_ n: Int) throws(CommitmentError) -> [UInt8] {
        guard n >= 0, n <= remaining else { throw .malformedProof("truncated: needed \(n) bytes at offset \(offset), \(remaining) left") }
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }

    mutating func uint32() throws(CommitmentError) -> UInt32 {
        let b = try take(4)
        return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
    }

    /// A count of items of at least `elementBytes` bytes each, checked against what remains.
    mutating func count(_ field: String, elementBytes: Int) throws(CommitmentError) -> Int {
        let n = Int(try uint32())
        guard elementBytes == 0 || n <= remaining / elementBytes else {
            throw .malformedProof("\(field): count \(n) exceeds the \(remaining) bytes left")
        }
        return n
    }

    mutating func baseElement() throws(CommitmentError) -> Goldilocks {
        let bytes = try take(8)
        do throws(FieldError) {
            return try Goldilocks.decode(from: bytes[...])
        } catch {
            throw .malformedProof("field element at offset \(offset - 8): \(error)")
        }
    }

    mutating func extensionElements(_ field: String) throws(CommitmentError) -> [GoldilocksExt2] {
        let n = try count(field, elementBytes: 16)
        var out = [GoldilocksExt2]()
        out.reserveCapacity(n)
        for _ in 0..<n {
            let bytes = try take(16)
            do throws(FieldError) {
                out.append(try GoldilocksExt2.decode(from: bytes[...]))
            } catch {
                throw .malformedProof("\(field): \(error)")
            }
        }
        return out
    }
}
