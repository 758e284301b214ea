import Foundation

/// A progress bar for long work (seeding a demo database, a dunning run of
/// thousands of letters), on standard error, drawn only when that is a
/// terminal (a log file gets the summary line alone).
final class ProgressBar {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var drawn = false

    /// Whether the bar is drawn at all (standard error is a terminal).
    var isShown: Bool { enabled }
    private var lastDrawn = 0.0
    private var lastFraction = -1.0
    private let width = 30
    /// Each step as it began: its name and when.
    private var steps: [(step: String, start: Double)] = []

    /// Draws the bar at `fraction` (0…1) with the step beside it, at most ten times a second.
    func update(_ fraction: Double, _ step: String) {
        let now = Date().timeIntervalSinceReferenceDate
        if steps.last?.step != step { steps.append((step, now)) }
        guard enabled else { return }
        guard fraction >= 1 || now - lastDrawn >= 0.1 || Int(fraction * 100) != Int(lastFraction * 100) && now - lastDrawn >= 0.05 else { return }
        lastDrawn = now
        lastFraction = fraction
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        drawn = true
        let line = "\r\u{1B}[K  \(bar) \(String(format: "%3d", Int(fraction * 100))) %  \(step)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// How long each step took, in the order they ran: where a slow
    /// load spent its time ("customers 31.2 s · indexes 18.0 s · …").
    var stepTimes: String {
        let ends = steps.dropFirst().map(\.start) + [Date().timeIntervalSinceReferenceDate]
        return zip(steps, ends).filter { step, _ in step.step != "done" }
            .map { step, end in "\(step.step) \(String(format: "%.1f", end - step.start)) s" }.joined(separator: " · ")
    }

    /// Removes the bar, so that the summary takes its line.
    func finish() {
        guard enabled, drawn else { return }
        drawn = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
