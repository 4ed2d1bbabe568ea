import Fields
import Foundation
import Testing
@testable import GGUFImport

/// Seeded mutations of the model files: opening, inspecting and importing never trap, and
/// whatever opens declares no more than the file can hold.
@Suite struct FuzzTests {
    @Test(arguments: modelNames)
    func mutatedModelFilesNeverTrap(name: String) throws {
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: modelPath(name))))
        let headerEnd = try GGUFFile(bytes: original).dataOffset
        var rng = SplitMix64(seed: 0xF022 ^ UInt64(name.utf8.count))
        var opened = 0, rejected = 0
        for iteration in 0..<150 {
            var bytes = original
            switch rng.next() % 5 {
            case 0:  // flip bits in the header region
                for _ in 0..<(1 + rng.next() % 4) {
                    let i = Int(rng.next() % UInt64(headerEnd))
                    bytes[i] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
                }
            case 1:  // overwrite an 8-byte field with an extreme value
                let i = Int(rng.next() % UInt64(headerEnd - 8))
                let v: UInt64 = [UInt64.max, 1 << 63, 1 << 40, 0, UInt64(original.count)][Int(rng.next() % 5)]
                withUnsafeBytes(of: v.littleEndian) { bytes.replaceSubrange(i..<(i + 8), with: $0) }
            case 2:  // truncate
                bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
            case 3:  // random bytes anywhere (data included)
                for _ in 0..<16 { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            default:  // splice a chunk of the header elsewhere
                let a = Int(rng.next() % UInt64(headerEnd)), b = Int(rng.next() % UInt64(headerEnd))
                let n = Int(rng.next() % 32)
                if a + n < bytes.count, b + n < bytes.count { bytes.replaceSubrange(b..<(b + n), with: bytes[a..<(a + n)]) }
            }
            do {
                let file = try GGUFFile(bytes: bytes)
                opened += 1
                #expect(file.tensors.allSatisfy { $0.fileOffset + $0.byteCount <= bytes.count })
                _ = file.inspectionReport()
                if iteration % 5 == 0 {
                    _ = try? GGUFImporter.importModel(file, seqLen: 4)
                }
            } catch {
                rejected += 1
            }
        }
        #expect(opened + rejected == 150)
        #expect(rejected > 0)
    }
}
