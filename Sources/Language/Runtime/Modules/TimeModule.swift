import Foundation

/// The `time` module: wall clock, monotonic clocks and an interruptible `sleep`.
extension Interpreter {
    func makeTimeModule() -> PyModule {
        let m = PyModule(name: "time")
        func fn(_ name: String, _ body: @escaping NativeFunction) {
            m.dict[name] = .object(PyBuiltinFunction(name: name, owner: nil, body))
        }
        func clock(_ name: String, _ id: clockid_t) {
            fn(name) { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, name, 0...0)
                var ts = timespec()
                clock_gettime(id, &ts)
                return .float(Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9)
            }
        }
        clock("time", CLOCK_REALTIME)
        clock("perf_counter", CLOCK_MONOTONIC)
        clock("monotonic", CLOCK_MONOTONIC)
        clock("process_time", CLOCK_PROCESS_CPUTIME_ID)
        for (name, id) in [("time_ns", CLOCK_REALTIME), ("perf_counter_ns", CLOCK_MONOTONIC), ("monotonic_ns", CLOCK_MONOTONIC)] {
            fn(name) { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, name, 0...0)
                var ts = timespec()
                clock_gettime(id, &ts)
                return .int(Int(ts.tv_sec) &* 1_000_000_000 &+ Int(ts.tv_nsec))
            }
        }
        fn("sleep") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "sleep", 1...1)
            let seconds = try interp.toDouble(args[0])
            if seconds.isNaN { throw PyError.valueError("Invalid value NaN (not a number)") }
            if seconds < 0 { throw PyError.valueError("sleep length must be non-negative") }
            // Slices of at most 50 ms so Ctrl-C (KeyboardInterrupt) is noticed promptly.
            let deadline = Date().addingTimeInterval(min(seconds, 1e9))
            while true {
                try interp.checkInterrupt()
                let left = deadline.timeIntervalSinceNow
                if left <= 0 { break }
                Thread.sleep(forTimeInterval: min(left, 0.05))
            }
            return .none
        }
        return m
    }
}
