import Testing
import TorchBindings

/// Tab completion's candidates, as CPython's rlcompleter gives them for the same session.
@Suite struct CompletionTests {
    let session: Session = {
        let s = Session()
        s.run("import torch\nfrom torch import nn\nnet = nn.Sequential(nn.Linear(2, 3))\nlearning_rate = 0.1\n",
              filename: "<test>", interactive: false)
        return s
    }()

    @Test func attributesOfAVariable() {
        #expect(session.completions(for: "net.named_p") == ["net.named_parameters("])
        #expect(session.completions(for: "net.trai") == ["net.train(", "net.training"])
    }

    @Test func dottedPathsAndModules() {
        #expect(session.completions(for: "torch.nn.Line").contains("torch.nn.Linear("))
        #expect(session.completions(for: "nn.init.xavier_u").contains("nn.init.xavier_uniform_("))
    }

    @Test func namesKeywordsAndBuiltins() {
        #expect(session.completions(for: "learn") == ["learning_rate"])
        #expect(session.completions(for: "whi") == ["while "])
        #expect(session.completions(for: "tr").contains("try:"))
        #expect(session.completions(for: "prin") == ["print("])
    }

    @Test func privateNamesOnlyWhenAskedFor() {
        #expect(!session.completions(for: "net.").contains { $0.hasPrefix("net._") })
        #expect(session.completions(for: "net.__cl") == ["net.__class__("])
    }

    @Test func nothingIsEvaluated() {
        #expect(session.completions(for: "print('x').a") == [])
        #expect(session.completions(for: "undefined_name.a") == [])
        #expect(session.completions(for: "net.0.we") == [])
    }
}
