# D2L-style concise recurrent models (nn.RNN / nn.GRU / nn.LSTM) trained side by side on a toy task.
import math
import torch
from torch import nn

torch.manual_seed(0)
T, batch, num_inputs = 12, 4, 3


class RNNModel(nn.Module):
    """The recurrent layer plus a linear output layer, as in D2L's RNNLM."""

    def __init__(self, rnn, num_outputs):
        super().__init__()
        self.rnn = rnn
        self.num_hiddens = rnn.hidden_size * (2 if rnn.bidirectional else 1)
        self.linear = nn.Linear(self.num_hiddens, num_outputs)

    def forward(self, inputs, state=None):
        outputs, state = self.rnn(inputs, state)
        return self.linear(outputs), state


time = torch.arange(T * batch, dtype=torch.float32).reshape(batch, T) * 0.3
X = torch.stack([torch.sin(time), torch.cos(time), torch.sin(2 * time)], dim=-1)
Y = torch.sin(time + 0.3).unsqueeze(-1)
print(X.shape, Y.shape)

models = [
    ("rnn", nn.RNN(num_inputs, 8, batch_first=True)),
    ("gru", nn.GRU(num_inputs, 8, num_layers=2, dropout=0.1, batch_first=True)),
    ("lstm", nn.LSTM(num_inputs, 6, batch_first=True, bidirectional=True)),
    ("relu-rnn", nn.RNN(num_inputs, 5, num_layers=2, nonlinearity='relu', batch_first=True)),
]
for name, rnn in models:
    model = RNNModel(rnn, 1)
    print(name, model)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = nn.MSELoss()
    for epoch in range(30):
        optimizer.zero_grad()
        out, state = model(X)
        loss = loss_fn(out, Y)
        loss.backward()
        optimizer.step()
        if epoch % 10 == 9:
            print(f"{name} epoch {epoch + 1}: loss {loss.item():.4f}")
    model.eval()
    with torch.no_grad():
        out, state = model(X[:1])
    shapes = [tuple(s.shape) for s in state] if isinstance(state, tuple) else tuple(state.shape)
    print(name, tuple(out.shape), shapes, f"{out[0, -1, 0].item():.4f}")

# Stepping a cell by hand, as the scratch implementations do.
cell = nn.GRUCell(num_inputs, 4)
h = None
for t in range(3):
    h = cell(X[:, t], h)
print(h.shape, round(h.sum().item(), 4))
