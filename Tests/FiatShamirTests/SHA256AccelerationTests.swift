import CSHA256
import Fields
import Testing

@Suite struct SHA256AccelerationTests {
    @Test func acceleratedCompressionMatchesPortable() {
        var rng = SplitMix64(seed: 21)
        for blocks in [1, 2, 3, 7, 16] {
            var data = [UInt8](repeating: 0, count: 64 * blocks)
            for i in data.indices { data[i] = UInt8(truncatingIfNeeded: rng.next()) }
            var a: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
            var b = a
            zkc_sha256_compress(&a, data, blocks)
            zkc_sha256_compress_portable(&b, data, blocks)
            #expect(a == b, "\(blocks) blocks")
        }
    }

    @Test func reportsWhichCoreIsInUse() {
        // Not an assertion on the machine: only that the flag is a boolean the dispatcher honours.
        #expect([0, 1].contains(zkc_sha256_accelerated()))
    }
}
