"""Prints the PyTorch reprs that Tests/TensorEngineTests/DescriptionTests.swift expects (tensor -> formatter glue).

Run: .venv-torch/bin/python scripts/golden_tensor_repr.py
"""
import torch

x = torch.tensor([[1.5, -2.0], [3.25, 4.0]], requires_grad=True)
cases = {
    "leaf": x,
    "mul": x * 2,
    "sum": (x * 2).sum(),
    "parameter": torch.nn.Parameter(torch.tensor([0.5, -1.0])),
    "int64": torch.tensor([1, 2, 3]),
    "bool": torch.tensor([1, 2, 3]) > 1,
    "float64": torch.tensor([1.0, 2.5], dtype=torch.float64),
    "scalar": torch.tensor(7.0),
    "detached": (x * 2).detach(),
    "mean_dim": x.mean(dim=0),
}
for name, t in cases.items():
    print(f'("{name}", {repr(repr(t))}),'.replace("'", '"'))
