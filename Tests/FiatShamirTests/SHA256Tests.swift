import FiatShamir
import Testing

@Suite struct SHA256Tests {
    @Test func emptyMessageMatchesKnownAnswer() {
        #expect(SHA256.hash([UInt8]()).description == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abcMatchesKnownAnswer() {
        #expect(SHA256.hash(Array("abc".utf8)).description == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlockMessageMatchesKnownAnswer() {
        let msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hash(Array(msg.utf8)).description == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func incrementalMatchesOneShot() {
        var rng: UInt64 = 1
        var data = [UInt8]()
        for _ in 0..<1000 { rng = rng &* 6364136223846793005 &+ 1; data.append(UInt8(truncatingIfNeeded: rng >> 33)) }
        for split in [0, 1, 63, 64, 65, 500, 1000] {
            var h = SHA256Hasher()
            h.update(data[0..<split])
            h.update(data[split...])
            #expect(h.finalize() == SHA256.hash(data))
        }
    }
}
