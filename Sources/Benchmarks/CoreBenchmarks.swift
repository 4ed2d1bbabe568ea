import Commitments
import FiatShamir
import Fields
import Polynomials

/// Proving-core benchmarks: field arithmetic, NTT, Merkle tree, PCS (issue targets attached).
public enum CoreBenchmarks {
    public static let fieldSuite = BenchmarkSuite(name: "core-fields") { quick in
        let n = quick ? 1 << 16 : 1 << 22
        var rng = SplitMix64(seed: 1)
        let a = (0..<n).map { _ in Goldilocks.random(using: &rng) }
        let b = (0..<n).map { _ in Goldilocks.random(using: &rng) }
        var c = [Goldilocks](repeating: .zero, count: n)
        let mul = Stopwatch.best(of: 5) {
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        for i in 0..<n { pc[i] = pa[i] * pb[i] }
                    }
                }
            }
        }
        blackHole(c)
        let extCount = n / 4
        let ea = (0..<extCount).map { _ in GoldilocksExt2.random(using: &rng) }
        let eb = (0..<extCount).map { _ in GoldilocksExt2.random(using: &rng) }
        var ec = [GoldilocksExt2](repeating: .zero, count: extCount)
        let extMul = Stopwatch.best(of: 5) {
            ea.withUnsafeBufferPointer { pa in
                eb.withUnsafeBufferPointer { pb in
                    ec.withUnsafeMutableBufferPointer { pc in
                        for i in 0..<extCount { pc[i] = pa[i] * pb[i] }
                    }
                }
            }
        }
        blackHole(ec)
        return [
            BenchmarkResult(name: "Goldilocks multiply (vector loop, 1 core)", value: mul / Double(n) * 1e9, unit: "ns", target: 1.5),
            BenchmarkResult(name: "extension multiply (vector loop, 1 core)", value: extMul / Double(extCount) * 1e9, unit: "ns"),
        ]
    }

    public static let nttSuite = BenchmarkSuite(name: "core-ntt") { quick in
        let logN = quick ? 14 : 20
        var rng = SplitMix64(seed: 2)
        let input = (0..<(1 << logN)).map { _ in Goldilocks.random(using: &rng) }
        func time() -> Double {
            var v = input
            NTT.forward(&v)  // warm the twiddle cache
            return Stopwatch.best(of: 5) {
                v = input
                NTT.forward(&v)
            }
        }
        let cores = ProcessInfoCores.active
        ProcessInfoCores.active = 1
        let one = time()
        ProcessInfoCores.active = cores
        let all = time()
        return [
            BenchmarkResult(name: "NTT 2^\(logN) forward, 1 core", value: one * 1e3, unit: "ms", target: quick ? nil : 20),
            BenchmarkResult(name: "NTT 2^\(logN) forward, \(cores) cores", value: all * 1e3, unit: "ms"),
        ]
    }

    public static let merkleSuite = BenchmarkSuite(name: "core-merkle") { quick in
        let logN = quick ? 14 : 20
        var rng = SplitMix64(seed: 3)
        let leaves = (0..<(32 << logN)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let t = Stopwatch.best(of: 3) {
            blackHole(MerkleTree(leaves: leaves, leafSize: 32))
        }
        return [
            BenchmarkResult(name: "Merkle tree over 2^\(logN) 32-byte leaves (SHA-NI: \(SHA256.isAccelerated))", value: t * 1e3, unit: "ms", target: quick ? nil : 120),
        ]
    }

    public static let pcsSuite = BenchmarkSuite(name: "core-pcs") { quick in
        let numVars = quick ? 14 : 22
        var rng = SplitMix64(seed: 4)
        let poly = MultilinearPolynomial(evaluations: (0..<(1 << numVars)).map { _ in Goldilocks.random(using: &rng) })
        let point = (0..<numVars).map { _ in GoldilocksExt2.random(using: &rng) }
        let value = poly.evaluate(at: point)
        let claims = [EvaluationClaim(polynomial: 0, point: point, value: value)]
        let pcs = LigeroPCS()
        var committed: (commitment: LigeroPCS.Commitment, data: LigeroPCS.ProverData)?
        let commit = Stopwatch.best(of: quick ? 3 : 2) { committed = pcs.commit([poly]) }
        let (commitment, data) = committed!
        var proof: LigeroPCS.Proof?
        let open = Stopwatch.best(of: 3) {
            var t = Transcript(domain: "bench")
            proof = pcs.open(claims, data: data, transcript: &t)
        }
        var ok = true
        let verify = Stopwatch.best(of: 5) {
            var t = Transcript(domain: "bench")
            do { try pcs.verify(claims, commitment: commitment, proof: proof!, transcript: &t) } catch { ok = false }
        }
        precondition(ok, "core-pcs: the honest proof did not verify")
        let size = Double(proof!.serialized().count)
        let full = !quick
        return [
            BenchmarkResult(name: "PCS commit, 2^\(numVars) entries", value: commit * 1e3, unit: "ms", target: full ? 1500 : nil),
            BenchmarkResult(name: "PCS open (1 point)", value: open * 1e3, unit: "ms", target: full ? 500 : nil),
            BenchmarkResult(name: "PCS verify", value: verify * 1e3, unit: "ms", target: full ? 30 : nil),
            BenchmarkResult(name: "PCS proof size", value: size / 1e6, unit: "MB", target: full ? 1.5 : nil),
        ]
    }
}
