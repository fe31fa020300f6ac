"""nnrepl's short names over real PyTorch, so a transcript that does `from nnrepl import *` runs under both.

    seq(linear(4, 3), relu, linear(3, 1))  ==  nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
"""
import torch
from torch import nn
from torch.nn import init

__all__ = ["seq", "linear", "relu", "sigmoid", "tanh", "rand", "randn", "zeros", "ones", "tensor", "init"]


def relu(input):
    return torch.relu(input)


def sigmoid(input):
    return torch.sigmoid(input)


def tanh(input):
    return torch.tanh(input)


# Inside seq(...), a bare activation function stands for its layer.
_LAYERS = {relu: nn.ReLU, sigmoid: nn.Sigmoid, tanh: nn.Tanh}


def _module(value):
    if isinstance(value, nn.Module):
        return value
    try:
        return _LAYERS[value]()
    except (KeyError, TypeError):
        raise TypeError(f"{torch.typename(value)} is not a Module subclass") from None


def seq(*modules):
    return nn.Sequential(*[_module(m) for m in modules])


def linear(in_features, out_features=None, bias=True):
    if out_features is None:
        return nn.LazyLinear(in_features, bias=bias)
    return nn.Linear(in_features, out_features, bias=bias)


rand = torch.rand
randn = torch.randn
zeros = torch.zeros
ones = torch.ones
tensor = torch.tensor
