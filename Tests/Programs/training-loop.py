# A small regression trained with SGD and Adam: the losses must follow PyTorch's to print precision.
import torch
from torch import nn

torch.manual_seed(0)
X = torch.randn(64, 3)
true_w = torch.tensor([[2.0], [-3.4], [1.5]])
y = X @ true_w + 4.2 + 0.01 * torch.randn(64, 1)

for make_optimizer in (lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
                       lambda p: torch.optim.Adam(p, lr=0.05)):
    torch.manual_seed(1)
    net = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))
    optimizer = make_optimizer(net.parameters())
    loss_fn = nn.MSELoss()
    for epoch in range(20):
        optimizer.zero_grad()
        loss = loss_fn(net(X), y)
        loss.backward()
        optimizer.step()
        if epoch % 5 == 4:
            print(f"epoch {epoch + 1}: loss {loss.item():.4f}")
    with torch.no_grad():
        print(net(torch.tensor([[1.0, 1.0, 1.0]])))
