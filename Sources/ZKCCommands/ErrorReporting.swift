import Foundation

/// Writes `error` to standard error as one `error: …` line (diagnostics that already carry a
/// `file:line:col: error:` prefix are written as they are).
func reportError(_ error: any Error) {
    let text = "\(error)"
    let line = text.contains(": error: ") ? text : "error: " + text
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
