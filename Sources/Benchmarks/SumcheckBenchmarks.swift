import FiatShamir
import Fields
import Lookups
import Polynomials
import Sumcheck

/// Sumcheck and LogUp benchmarks (release builds only give meaningful numbers).
public enum SumcheckBenchmarks {
    /// "core-sumcheck": product of two multilinears, with and without an eq factor.
    public static let sumcheckSuite = BenchmarkSuite(name: "core-sumcheck") { quick in
        let numVars = quick ? 14 : 20
        let repetitions = quick ? 3 : 7
        var rng = SplitMix64(seed: 1)
        let f = MultilinearPolynomial(evaluations: (0..<(1 << numVars)).map { _ in Goldilocks.random(using: &rng) })
        let g = MultilinearPolynomial(evaluations: (0..<(1 << numVars)).map { _ in Goldilocks.random(using: &rng) })
        let r = (0..<numVars).map { _ in GoldilocksExt2.random(using: &rng) }
        var results = [BenchmarkResult]()

        let plain = SumcheckInstance(shape: .product(numVars: numVars, factorCount: 2), polynomials: [f, g])
        let plainSeconds = Stopwatch.best(of: repetitions) {
            var t = Transcript(domain: "bench")
            blackHole(SumcheckProver.prove([plain], transcript: &t))
        }
        results.append(BenchmarkResult(name: "sumcheck f·g, 2^\(numVars) base entries (prove)",
                                       value: plainSeconds * 1e3, unit: "ms", target: quick ? nil : 25))

        let weighted = SumcheckInstance(shape: .product(numVars: numVars, factorCount: 2, eqPoint: r), polynomials: [f, g])
        let weightedSeconds = Stopwatch.best(of: repetitions) {
            var t = Transcript(domain: "bench")
            blackHole(SumcheckProver.prove([weighted], transcript: &t))
        }
        results.append(BenchmarkResult(name: "sumcheck eq·f·g, 2^\(numVars) base entries (prove)",
                                       value: weightedSeconds * 1e3, unit: "ms"))

        let h = MultilinearPolynomial(evaluations: (0..<(1 << numVars)).map { _ in Goldilocks.random(using: &rng) })
        let triple = SumcheckInstance(shape: .product(numVars: numVars, factorCount: 3, eqPoint: r), polynomials: [f, g, h])
        let tripleSeconds = Stopwatch.best(of: max(1, repetitions / 2)) {
            var t = Transcript(domain: "bench")
            blackHole(SumcheckProver.prove([triple], transcript: &t))
        }
        results.append(BenchmarkResult(name: "sumcheck eq·f·g·h, 2^\(numVars) (generic kernel, prove)",
                                       value: tripleSeconds * 1e3, unit: "ms"))

        var pt = Transcript(domain: "bench")
        let output = SumcheckProver.prove([weighted], transcript: &pt)
        let claim = SumcheckClaim(shape: weighted.shape, claimedSum: output.claimedSums[0])
        let verifySeconds = Stopwatch.best(of: repetitions) {
            var t = Transcript(domain: "bench")
            blackHole(try? SumcheckVerifier.verify(output.proof, claims: [claim], transcript: &t))
        }
        results.append(BenchmarkResult(name: "sumcheck eq·f·g, 2^\(numVars) (verify)", value: verifySeconds * 1e3, unit: "ms"))
        results.append(BenchmarkResult(name: "sumcheck eq·f·g proof size", value: Double(output.proof.encoded().count) / 1024, unit: "KiB"))
        return results
    }

    /// "core-logup": 2^20 looked-up values into a 2^16 range table.
    public static let logupSuite = BenchmarkSuite(name: "core-logup") { quick in
        let valueVars = quick ? 14 : 20
        let tableBits = quick ? 10 : 16
        let repetitions = quick ? 2 : 3
        var rng = SplitMix64(seed: 2)
        let values = (0..<(1 << valueVars)).map { _ in Goldilocks(rng.next() >> UInt64(64 - tableBits)) }
        let table = LookupTable.range(bits: tableBits)
        var witness: LookupWitness?
        let multiplicitySeconds = Stopwatch.best(of: repetitions) { witness = try? LookupWitness(table: table, inputs: values) }
        guard let witness else { return [] }
        var setup = Transcript(domain: "bench")
        let challenges = LogUpChallenges.sample(from: &setup)
        var output: (proof: LogUpProof, claims: [LookupClaims])?
        let proveSeconds = Stopwatch.best(of: repetitions) {
            var t = Transcript(domain: "bench")
            output = LogUpProver.prove([witness], challenges: challenges, transcript: &t)
        }
        guard let output else { return [] }
        let verifySeconds = Stopwatch.best(of: repetitions) {
            var t = Transcript(domain: "bench")
            blackHole(try? LogUpVerifier.verify(output.proof, statements: [witness.statement], challenges: challenges, transcript: &t))
        }
        let label = "2^\(valueVars) values into 2^\(tableBits) table"
        return [
            BenchmarkResult(name: "logup multiplicities, \(label)", value: multiplicitySeconds * 1e3, unit: "ms"),
            BenchmarkResult(name: "logup-gkr prove, \(label)", value: proveSeconds * 1e3, unit: "ms"),
            BenchmarkResult(name: "logup-gkr verify, \(label)", value: verifySeconds * 1e3, unit: "ms"),
            BenchmarkResult(name: "logup-gkr proof size", value: Double(output.proof.encoded().count) / 1024, unit: "KiB"),
        ]
    }

    public static let suites = [sumcheckSuite, logupSuite]
}
