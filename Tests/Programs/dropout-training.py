# Dropout masks in training mode follow PyTorch's generator draws, so training with dropout prints the same.
import torch
from torch import nn
torch.manual_seed(0)
x = torch.rand(2, 12) + 0.5
print(nn.Dropout(0.5)(x))
print(nn.functional.dropout(x, p=0.2, training=True))
d = nn.Dropout(p=0.3)
d.eval()
print(d(x))
torch.manual_seed(1)
net = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(0.25), nn.Linear(16, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.05)
X = torch.randn(32, 8)
y = torch.randn(32, 1)
for step in range(5):
    opt.zero_grad()
    loss = nn.functional.mse_loss(net(X), y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))
net.eval()
print(net(X[:3]))
