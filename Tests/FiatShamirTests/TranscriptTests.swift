import Fields
import FiatShamir
import Testing

@Suite struct TranscriptTests {
    private func challenges(absorbing bytes: [UInt8]) -> [GoldilocksExt2] {
        var t = Transcript(domain: "test")
        t.absorb(.sumcheckClaim, bytes: bytes)
        var out = [GoldilocksExt2]()
        for _ in 0..<4 {
            out.append(t.challenge(.sumcheckChallenge))
            t.absorb(.sumcheckRound, bytes: [1, 2, 3])
        }
        return out
    }

    @Test func changingAnyAbsorbedByteChangesEveryLaterChallenge() {
        let message: [UInt8] = Array(0..<40)
        let honest = challenges(absorbing: message)
        for i in message.indices {
            var mutated = message
            mutated[i] ^= 0x01
            let other = challenges(absorbing: mutated)
            for k in honest.indices { #expect(honest[k] != other[k], "byte \(i), challenge \(k)") }
        }
    }

    @Test func sameInputsGiveSameChallenges() {
        #expect(challenges(absorbing: [9, 9]) == challenges(absorbing: [9, 9]))
    }

    @Test func labelsSeparateDomains() {
        var a = Transcript(domain: "test")
        var b = Transcript(domain: "test")
        a.absorb(.sumcheckClaim, bytes: [1])
        b.absorb(.sumcheckRound, bytes: [1])
        #expect(a.challenge(.sumcheckChallenge) != b.challenge(.sumcheckChallenge))
    }

    @Test func lengthPrefixMakesSplitsDistinct() {
        var a = Transcript(domain: "test")
        var b = Transcript(domain: "test")
        a.absorb(.sumcheckClaim, bytes: [1, 2])
        a.absorb(.sumcheckClaim, bytes: [3])
        b.absorb(.sumcheckClaim, bytes: [1])
        b.absorb(.sumcheckClaim, bytes: [2, 3])
        #expect(a.challenge(.sumcheckChallenge) != b.challenge(.sumcheckChallenge))
    }

    @Test func indexChallengesStayInRange() {
        var t = Transcript(domain: "test")
        for bound in [1, 2, 3, 1000, 1 << 20] {
            for _ in 0..<50 { #expect((0..<bound).contains(t.challengeIndex(.pcsColumnQuery, below: bound))) }
        }
    }
}
