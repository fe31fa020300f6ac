# The grad_fn each layer and loss leaves on its output, as a learner printing a loss sees it.
import torch
from torch import nn
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.rand(2, 3, 6, 6, requires_grad=True)
v = torch.rand(4, 3, requires_grad=True)
t = torch.rand(4, 3)
cases = [
 ("conv2d", lambda: nn.Conv2d(3, 2, 3)(x)), ("conv2d nobias", lambda: nn.Conv2d(3, 2, 3, bias=False)(x)),
 ("conv1d", lambda: nn.Conv1d(3, 2, 3)(v.t().unsqueeze(0))),
 ("maxpool", lambda: nn.MaxPool2d(2)(x)), ("avgpool", lambda: nn.AvgPool2d(2)(x)),
 ("adaptive 1", lambda: nn.AdaptiveAvgPool2d(1)(x)), ("adaptive 2", lambda: nn.AdaptiveAvgPool2d(2)(x)),
 ("bn2d", lambda: nn.BatchNorm2d(3)(x)), ("bn1d", lambda: nn.BatchNorm1d(3)(v)), ("ln", lambda: nn.LayerNorm(3)(v)),
 ("embedding", lambda: nn.Embedding(5, 2)(torch.tensor([1, 2]))),
 ("mse", lambda: nn.MSELoss()(v, t)), ("mse none", lambda: nn.MSELoss(reduction='none')(v, t)), ("mse sum", lambda: nn.MSELoss(reduction='sum')(v, t)),
 ("l1", lambda: nn.L1Loss()(v, t)), ("l1 none", lambda: nn.L1Loss(reduction='none')(v, t)),
 ("ce", lambda: nn.CrossEntropyLoss()(v, torch.tensor([0, 1, 2, 0]))), ("nll", lambda: nn.NLLLoss()(v, torch.tensor([0, 1, 2, 0]))),
 ("bce", lambda: nn.BCELoss()(v.sigmoid(), t)), ("bce none", lambda: nn.BCELoss(reduction='none')(v.sigmoid(), t)),
 ("bcewl", lambda: nn.BCEWithLogitsLoss()(v, t)), ("bcewl none", lambda: nn.BCEWithLogitsLoss(reduction='none')(v, t)),
 ("gelu", lambda: nn.GELU()(v)), ("dropout eval", lambda: nn.Dropout().eval()(v)), ("softmax", lambda: nn.Softmax(dim=1)(v)),
 ("logsoftmax", lambda: nn.LogSoftmax(dim=1)(v)), ("flatten", lambda: nn.Flatten()(x)), ("leaky", lambda: nn.LeakyReLU()(v)),
]
for name, f in cases:
    out = f()
    print(f"{name}: {type(out.grad_fn).__name__ if out.grad_fn is not None else None}")
