public import Foundation
public import TensorIR

/// Parses inference inputs: EZKL's `{"input_data": [[…], …]}` (one flattened list per function
/// argument, in order) or `{"tokens": [...]}` (int64 token ids for the first argument).
public enum ModelInput {
    /// Reads and parses the JSON file at `path` for `function`'s arguments.
    public static func load(path: String, for function: Function) throws -> [String: Tensor] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DriverError.unreadableInput(file: path, detail: "no such readable file")
        }
        return try parse(json: data, file: path, for: function)
    }

    /// Parses JSON bytes; `file` names the source in errors.
    public static func parse(json: Data, file: String, for function: Function) throws -> [String: Tensor] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: json) } catch {
            throw DriverError.invalidInput(file: file, detail: "not valid JSON")
        }
        guard let dict = object as? [String: Any] else {
            throw DriverError.invalidInput(file: file, detail: "expected a JSON object with \"input_data\" or \"tokens\"")
        }
        var out: [String: Tensor] = [:]
        if let tokens = dict["tokens"] {
            guard let list = tokens as? [Any], let first = function.arguments.first else {
                throw DriverError.invalidInput(file: file, detail: "\"tokens\" must be a list and the model must take an input")
            }
            var ids: [Int64] = []
            for t in list {
                guard let n = t as? NSNumber, let v = Int64(exactly: n.doubleValue) else {
                    throw DriverError.invalidInput(file: file, detail: "token \(t) is not an integer")
                }
                ids.append(v)
            }
            let shape = try resolve(first.type.shape, count: ids.count, file: file, name: first.name)
            out[first.name] = Tensor(shape: shape, int64s: ids)
            return out
        }
        guard let inputs = dict["input_data"] as? [Any] else {
            throw DriverError.invalidInput(file: file, detail: "expected \"input_data\": [[…]] or \"tokens\": […]")
        }
        guard inputs.count == function.arguments.count else {
            throw DriverError.invalidInput(file: file, detail: "has \(inputs.count) input lists, the model takes \(function.arguments.count)")
        }
        for (arg, value) in zip(function.arguments, inputs) {
            guard let list = value as? [Any] else {
                throw DriverError.invalidInput(file: file, detail: "input '\(arg.name)' must be a flat list of numbers")
            }
            var nums: [Double] = []
            nums.reserveCapacity(list.count)
            for x in list {
                guard let n = x as? NSNumber else { throw DriverError.invalidInput(file: file, detail: "input '\(arg.name)' has a non-number \(x)") }
                nums.append(n.doubleValue)
            }
            let shape = try resolve(arg.type.shape, count: nums.count, file: file, name: arg.name)
            if arg.type.element == .f32 {
                out[arg.name] = Tensor(shape: shape, floats: nums.map { Float($0) })
            } else {
                guard nums.allSatisfy({ $0 == $0.rounded() && abs($0) < 9e18 }) else {
                    throw DriverError.invalidInput(file: file, detail: "input '\(arg.name)' needs integers")
                }
                out[arg.name] = Tensor(shape: shape, int64s: nums.map { Int64($0) }, element: arg.type.element == .bool ? .bool : .i64)
            }
        }
        return out
    }

    /// The concrete shape for `count` values: static dims as given, one unknown dim inferred.
    static func resolve(_ shape: [Int]?, count: Int, file: String, name: String) throws -> [Int] {
        guard var s = shape else { return [count] }
        let unknown = s.indices.filter { s[$0] < 0 }
        // Several symbolic dims: bind all but the last to 1 (batch-like), infer the last.
        for i in unknown.dropLast() { s[i] = 1 }
        var known = 1
        for d in s where d >= 0 {
            let (p, o) = known.multipliedReportingOverflow(by: d)
            guard !o else { throw DriverError.invalidInput(file: file, detail: "input '\(name)' has an impossibly large shape \(shape ?? [])") }
            known = p
        }
        if let i = unknown.last {
            guard known > 0, count % known == 0 else {
                throw DriverError.invalidInput(file: file, detail: "input '\(name)' has \(count) values, not a multiple of \(known) for shape \(shape ?? [])")
            }
            s[i] = count / known
        } else if known != count {
            throw DriverError.invalidInput(file: file, detail: "input '\(name)' has \(count) values, its shape \(s) needs \(known)")
        }
        return s
    }
}
