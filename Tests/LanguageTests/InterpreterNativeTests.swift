import Testing
@testable import Language

/// The API TorchBindings builds on: native types, subclassing from Python, modules, identity, errors.
final class Payload {
    var registered: [String] = []
}

private func makeModuleType() -> PyType {
    let t = PyType(name: "Module", module: "torch.nn.modules.module", base: Types.object)
    t.addMethod("__init__") { _, args, _ in
        args[0].object?.native = Payload()
        return .none
    }
    t.addMethod("__setattr__") { interp, args, _ in
        if case .str(let name) = args[1], let p = args[0].native(as: Payload.self) { p.registered.append(name) }
        try interp.genericSetAttr(args[0], (try? interp.toStr(args[1])) ?? "", args[2])
        return .none
    }
    t.addMethod("__call__") { interp, args, kwargs in
        try interp.callMethod(args[0], "forward", Array(args.dropFirst()), kwargs)
    }
    t.addMethod("registered") { _, args, _ in
        .object(PyList((args[0].native(as: Payload.self)?.registered ?? []).map { .str($0) }))
    }
    t.addMethod("__getattr__") { _, args, _ in
        if case .str("magic") = args[1] { return .int(42) }
        throw PyError.attributeError("'Module' object has no attribute '\((try? args[1].typeName) ?? "")'")
    }
    return t
}

private func run(_ source: String, setup: (Interpreter) -> Void = { _ in }) -> (String, String) {
    var out = "", err = ""
    let interp = Interpreter(stdout: { out += $0 }, stderr: { err += $0 })
    setup(interp)
    interp.run(source)
    return (out, err)
}

private func withTorch(_ interp: Interpreter) {
    let torch = PyModule(name: "torch")
    let nn = PyModule(name: "torch.nn")
    nn.dict["Module"] = .object(makeModuleType())
    torch.dict["nn"] = .object(nn)
    let cache = WrapperCache()
    let shared = Payload()
    let paramType = PyType(name: "Parameter", module: "torch.nn.parameter", base: Types.object)
    torch.dict["shared"] = .object(PyBuiltinFunction(name: "shared", owner: nil) { _, _, _ in
        .object(cache.wrapper(for: shared) { PyObject(type: paramType) })
    })
    torch.dict["fresh"] = .object(PyBuiltinFunction(name: "fresh", owner: nil) { _, _, _ in
        let o = PyObject(type: paramType)
        o.native = shared
        return .object(o)
    })
    torch.dict["fail"] = .object(PyBuiltinFunction(name: "fail", owner: nil) { _, _, _ in
        throw PyError.runtimeError("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")
    })
    interp.registerModule(torch)
    interp.registerModule(nn)
}

@Suite struct InterpreterNativeTests {
    @Test func userSubclassOfNativeType() {
        let (out, err) = run("""
        import torch.nn as nn
        class Net(nn.Module):
            def __init__(self, k):
                super().__init__()
                self.k = k
                self.fc = 3
            def forward(self, x, scale=1):
                return x * self.k * scale
        net = Net(2)
        print(net(5), net(5, scale=10), net.registered(), net.magic, Net.__mro__[1])
        print(isinstance(net, nn.Module), type(net).__name__)
        class Legacy(nn.Module):
            def __init__(self, **kw):
                super(Legacy, self).__init__(**kw)
        print(Legacy().registered())
        """, setup: withTorch)
        #expect(err == "")
        #expect(out == "10 100 ['k', 'fc'] 42 <class 'torch.nn.modules.module.Module'>\nTrue Net\n[]\n")
    }

    @Test func identityFollowsNativePayload() {
        let (out, err) = run("""
        import torch
        a, b, c = torch.shared(), torch.shared(), torch.fresh()
        print(a is b, id(a) == id(b), a is c, id(a) == id(c), a == c)
        """, setup: withTorch)
        #expect(err == "")
        #expect(out == "True True True True True\n")
    }

    @Test func nativeErrorsRenderAsTraceback() {
        let (_, err) = run("import torch\ndef f():\n    torch.fail()\nf()\n", setup: withTorch)
        #expect(err == """
        Traceback (most recent call last):
          File "<stdin>", line 4, in <module>
          File "<stdin>", line 3, in f
        RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)

        """)
    }

    @Test func sourceLinesShownForFiles() {
        var err = ""
        let interp = Interpreter(stdout: { _ in }, stderr: { err += $0 })
        interp.run("x = 1\ny = x / 0\n", filename: "train.py")
        #expect(err == "Traceback (most recent call last):\n  File \"train.py\", line 2, in <module>\n    y = x / 0\nZeroDivisionError: division by zero\n")
    }

    @Test func unknownModules() {
        let (_, err) = run("import torch.optim\n", setup: withTorch)
        #expect(err.hasSuffix("ModuleNotFoundError: No module named 'torch.optim'\n"))
    }

    @Test func interactiveEchoAndUnderscore() {
        var out = ""
        let interp = Interpreter(stdout: { out += $0 }, stderr: { _ in })
        interp.run("3 * 7", mode: .interactive)
        interp.run("_ + 1", mode: .interactive)
        interp.run("x = 5", mode: .interactive)
        interp.run("None", mode: .interactive)
        interp.run("for i in range(2):\n    i\n", mode: .interactive)
        #expect(out == "21\n22\n0\n1\n")
    }

    @Test func failingStatementKeepsEarlierEffects() {
        var out = ""
        let interp = Interpreter(stdout: { out += $0 }, stderr: { _ in })
        interp.run("a = 1\nb = 1 / 0\nc = 3")
        interp.run("print(a, 'b' in globals(), 'c' in globals())")
        #expect(out == "1 False False\n")
    }

    @Test func recursionLimit() {
        let (_, err) = run("def f(n):\n    return f(n + 1)\nf(0)\n")
        #expect(err.hasSuffix("RecursionError: maximum recursion depth exceeded\n"))
    }

    @Test func interruptRaisesKeyboardInterrupt() {
        var err = ""
        let interp = Interpreter(stdout: { _ in }, stderr: { err += $0 })
        interp.requestInterrupt()
        interp.run("while True:\n    pass\n")
        #expect(err.hasSuffix("KeyboardInterrupt\n"))
    }

    @Test func callingBackIntoPython() throws {
        let interp = Interpreter(stdout: { _ in }, stderr: { _ in })
        interp.run("def add(a, b=10):\n    return a + b\nclass C:\n    def m(self, x):\n        return [x]\nc = C()")
        let add = try #require(interp.mainModule.dict["add"])
        #expect(try interp.repr(try interp.call(add, [.int(1)], [("b", .int(2))])) == "3")
        let c = try #require(interp.mainModule.dict["c"])
        #expect(try interp.repr(try interp.callMethod(c, "m", [.str("x")])) == "['x']")
        #expect(throws: PyError.self) { try interp.callMethod(c, "nope") }
    }

    @Test func nativeGeneratorRepr() throws {
        let interp = Interpreter(stdout: { _ in }, stderr: { _ in })
        var n = 0
        let it = PyIterator(type: Types.generator, qualname: "Module.named_parameters") { _ in
            n += 1
            return n <= 2 ? .int(n) : nil
        }
        #expect(try interp.repr(.object(it)).hasPrefix("<generator object Module.named_parameters at 0x"))
        #expect(try interp.repr(.object(PyList(try interp.toArray(.object(it))))) == "[1, 2]")
    }

    @Test(arguments: ["x = [1]\nfor _ in range(100000):\n    x = [x]\nrepr(x)", "(" + String(repeating: "-", count: 5000) + "1)",
                      "a = []\na.append(a)\nprint(a == a)", "def g():\n    yield from g()\nlist(g())"])
    func hostileInputsDoNotCrash(_ source: String) {
        let (_, err) = run(source)
        #expect(!err.contains("SystemError"))
    }
}
