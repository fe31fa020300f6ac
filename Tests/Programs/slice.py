# The first slice as a program: what `nnrepl FILE` prints must equal what `python FILE` prints.
import torch
from torch import nn

_ = torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
print(net)
X = torch.rand(2, 4)
Y = net(X).sum()
print(Y)
for name, param in net.named_parameters(): print(name, param.size())
print(net[0].weight.grad is None)
Y.backward()
print(net[0].weight.grad)
print(net.state_dict())
try:
    net(torch.rand(2, 5))
except RuntimeError as error:
    print("caught:", error)
print(net[2])
