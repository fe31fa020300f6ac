# Common training idioms: ModuleList/ModuleDict, clip_grad_norm_, @torch.no_grad(), save/load round trip, freezing.
import torch
from torch import nn
import torch.nn.functional as F

class Block(nn.Module):
    def __init__(self, width, depth):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
        self.heads = nn.ModuleDict({'cls': nn.Linear(width, 3), 'reg': nn.Linear(width, 1)})

    def forward(self, x, head='cls'):
        for layer in self.layers:
            x = F.relu(layer(x)) + x
        return self.heads[head](x)

torch.manual_seed(0)
model = Block(4, 2)
print(model)
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
x = torch.randn(6, 4)
target = torch.tensor([0, 1, 2, 1, 0, 2])
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for step in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(model(x), target)
    loss.backward()
    total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.5)
    opt.step()
    print(step, f"{loss.item():.4f}", f"{total.item():.4f}")

@torch.no_grad()
def accuracy(m, x, y):
    return (m(x).argmax(dim=1) == y).float().mean().item()

print(accuracy(model, x, target))
print(model(x, head='reg').shape)
torch.save(model.state_dict(), 'nnrepl-transcript-idioms.pt')
clone = Block(4, 2)
print(clone.load_state_dict(torch.load('nnrepl-transcript-idioms.pt')))
print(torch.equal(clone(x), model(x)))
for p in model.layers[0].parameters():
    p.requires_grad_(False)
print([n for n, p in model.named_parameters() if p.requires_grad])
model.eval()
print(model.training, model.layers[0].training)
