/// Day-by-day availability over the horizon, with prefix sums so that "is every day of this
/// range open?" costs O(1) while trip types are generated.
struct DayMask {
    /// prefix[i] = number of open days among the first i days of the horizon.
    private let prefix: [Int32]
    let count: Int

    init(count: Int, open: (Int) -> Bool) {
        self.count = count
        var p = [Int32](repeating: 0, count: count + 1)
        for i in 0..<count { p[i + 1] = p[i] + (open(i) ? 1 : 0) }
        prefix = p
    }

    /// Whether every day in `from..<to` (offsets) is open; false when the range leaves the horizon.
    func allOpen(_ from: Int, _ to: Int) -> Bool {
        guard from >= 0, to <= count, from <= to else { return false }
        return Int(prefix[to] - prefix[from]) == to - from
    }

    func isOpen(_ day: Int) -> Bool { allOpen(day, day + 1) }

    /// Open days in `from..<to` (offsets clamped to the horizon).
    func openCount(_ from: Int, _ to: Int) -> Int {
        let a = min(max(0, from), count), b = min(max(a, to), count)
        return Int(prefix[b] - prefix[a])
    }

    var openDays: Int { Int(prefix[count]) }

    /// Maximal runs of consecutive open days, in order.
    var openRuns: [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int? = nil
        for i in 0...count {
            let open = i < count && isOpen(i)
            if open, start == nil { start = i }
            if !open, let s = start {
                runs.append(s..<i)
                start = nil
            }
        }
        return runs
    }

    /// The longest run of consecutive open days.
    var longestRun: Int { openRuns.map(\.count).max() ?? 0 }
}

/// The horizon as day offsets, and each operation's and manager's open days.
struct PlanningCalendar {
    let horizon: DayRange
    var length: Int { horizon.count }
    /// Nights an operation may host a visitor: active, not in a blackout.
    let nightsOpen: [DayMask]
    /// Nights inside one of the operation's preferred windows.
    let preferred: [DayMask]
    /// Days a manager may be travelling.
    let managerFree: [DayMask]
    /// An operation's days outside its weekend (`TimelineBuilder.workingDays` by prefix sums).
    let workdays: [DayMask]

    init(data: PlanningData) {
        let h = data.policy.horizon
        horizon = h
        let n = h.count
        func inside(_ ranges: [DayRange]) -> DayMask {
            DayMask(count: n) { i in ranges.contains { $0.contains(h.first + i) } }
        }
        nightsOpen = data.operations.map { op in
            let blackouts = data.windows(of: op.code, kind: .blackout).map(\.range)
            return DayMask(count: n) { i in
                let d = h.first + i
                return op.active.contains(d) && !blackouts.contains { $0.contains(d) }
            }
        }
        preferred = data.operations.map { op in inside(data.windows(of: op.code, kind: .preferred).map(\.range)) }
        workdays = data.operations.map { op in DayMask(count: n) { i in !op.weekend.contains(h.first + i) } }
        managerFree = data.managers.map { m in
            let busy = m.unavailable.map(\.range)
            return DayMask(count: n) { i in !busy.contains { $0.contains(h.first + i) } }
        }
    }

    func day(_ offset: Int) -> Day { horizon.first + offset }
}
