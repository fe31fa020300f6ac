# Dive into Deep Learning 4.2 (MLP from scratch), 4.6 (dropout from scratch) and 4.5 (weight decay), PyTorch
# edition. Fashion-MNIST needs the network: small synthetic images stand in; the models and loops are the book's.
import torch
from torch import nn

torch.manual_seed(1)
templates = torch.randn(10, 1, 6, 6)
def synthetic(n):
    y = torch.randint(0, 10, (n,))
    return templates[y] + 1.5 * torch.randn(n, 1, 6, 6), y

def load_array(data_arrays, batch_size, is_train=True):
    dataset = torch.utils.data.TensorDataset(*data_arrays)
    return torch.utils.data.DataLoader(dataset, batch_size, shuffle=is_train)

batch_size = 32
train_iter = load_array(synthetic(192), batch_size)
test_iter = load_array(synthetic(96), batch_size, is_train=False)

def accuracy(y_hat, y):
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())

def evaluate_accuracy(net, data_iter):
    if isinstance(net, torch.nn.Module):
        net.eval()
    right, total = 0.0, 0
    with torch.no_grad():
        for X, y in data_iter:
            right += accuracy(net(X), y)
            total += y.numel()
    return right / total

def train_ch3(net, train_iter, test_iter, loss, num_epochs, updater):
    for epoch in range(num_epochs):
        if isinstance(net, torch.nn.Module):
            net.train()
        total_loss, right, n = 0.0, 0.0, 0
        for X, y in train_iter:
            y_hat = net(X)
            l = loss(y_hat, y)
            if isinstance(updater, torch.optim.Optimizer):
                updater.zero_grad()
                l.mean().backward()
                updater.step()
            else:
                l.sum().backward()
                updater(X.shape[0])
            total_loss += float(l.sum().detach())
            right += accuracy(y_hat, y)
            n += y.numel()
        print(f'epoch {epoch + 1}, loss {total_loss / n:.4f}, train acc {right / n:.3f}, '
              f'test acc {evaluate_accuracy(net, test_iter):.3f}')

# 4.2 MLP from scratch
num_inputs, num_outputs, num_hiddens = 36, 10, 64

W1 = nn.Parameter(torch.randn(
    num_inputs, num_hiddens, requires_grad=True) * 0.01)
b1 = nn.Parameter(torch.zeros(num_hiddens, requires_grad=True))
W2 = nn.Parameter(torch.randn(
    num_hiddens, num_outputs, requires_grad=True) * 0.01)
b2 = nn.Parameter(torch.zeros(num_outputs, requires_grad=True))

params = [W1, b1, W2, b2]
print(type(W1), W1.shape, W1.requires_grad, b2)

def relu(X):
    a = torch.zeros_like(X)
    return torch.max(X, a)

print(relu(torch.tensor([-1.0, 0.5, 2.0])))

def net(X):
    X = X.reshape((-1, num_inputs))
    H = relu(X@W1 + b1)  # Here '@' stands for matrix multiplication
    return (H@W2 + b2)

loss = nn.CrossEntropyLoss(reduction='none')
print(loss)
num_epochs, lr = 4, 0.1
updater = torch.optim.SGD(params, lr=lr)
print(updater)
train_ch3(net, train_iter, test_iter, loss, num_epochs, updater)

# 4.6 dropout from scratch
def dropout_layer(X, dropout):
    assert 0 <= dropout <= 1
    # In this case, all elements are dropped out
    if dropout == 1:
        return torch.zeros_like(X)
    # In this case, all elements are kept
    if dropout == 0:
        return X
    mask = (torch.rand(X.shape) > dropout).float()
    return mask * X / (1.0 - dropout)

X = torch.arange(16, dtype = torch.float32).reshape((2, 8))
print(X)
print(dropout_layer(X, 0.))
print(dropout_layer(X, 0.5))
print(dropout_layer(X, 1.))

num_inputs, num_outputs, num_hiddens1, num_hiddens2 = 36, 10, 48, 48
dropout1, dropout2 = 0.2, 0.5

class Net(nn.Module):
    def __init__(self, num_inputs, num_outputs, num_hiddens1, num_hiddens2,
                 is_training = True):
        super(Net, self).__init__()
        self.num_inputs = num_inputs
        self.training = is_training
        self.lin1 = nn.Linear(num_inputs, num_hiddens1)
        self.lin2 = nn.Linear(num_hiddens1, num_hiddens2)
        self.lin3 = nn.Linear(num_hiddens2, num_outputs)
        self.relu = nn.ReLU()

    def forward(self, X):
        H1 = self.relu(self.lin1(X.reshape((-1, self.num_inputs))))
        # Use dropout only when training the model
        if self.training == True:
            # Add a dropout layer after the first fully connected layer
            H1 = dropout_layer(H1, dropout1)
        H2 = self.relu(self.lin2(H1))
        if self.training == True:
            # Add a dropout layer after the second fully connected layer
            H2 = dropout_layer(H2, dropout2)
        out = self.lin3(H2)
        return out

net = Net(num_inputs, num_outputs, num_hiddens1, num_hiddens2)
print(net)
num_epochs, lr = 3, 0.5
trainer = torch.optim.SGD(net.parameters(), lr=lr)
train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer)

# 4.5 weight decay: high-dimensional linear regression, concise version with parameter groups.
n_train, n_test, num_inputs, batch_size = 20, 100, 200, 5
true_w, true_b = torch.ones((num_inputs, 1)) * 0.01, 0.05

def synthetic_data(w, b, num_examples):
    X = torch.normal(0, 1, (num_examples, len(w)))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape)
    return X, y.reshape((-1, 1))

train_data = synthetic_data(true_w, true_b, n_train)
train_iter = load_array(train_data, batch_size)
test_data = synthetic_data(true_w, true_b, n_test)
test_iter = load_array(test_data, batch_size, is_train=False)

def l2_penalty(w):
    return torch.sum(w.pow(2)) / 2

print(l2_penalty(torch.normal(0, 1, size=(3, 2))))

def evaluate_loss(net, data_iter, loss):
    total, n = 0.0, 0
    for X, y in data_iter:
        out = net(X)
        y = y.reshape(out.shape)
        l = loss(out, y)
        total += float(l.sum())
        n += l.numel()
    return total / n

def train_concise(wd):
    net = nn.Sequential(nn.Linear(num_inputs, 1))
    for param in net.parameters():
        param.data.normal_()
    loss = nn.MSELoss(reduction='none')
    num_epochs, lr = 50, 0.003
    # The bias parameter has not decayed
    trainer = torch.optim.SGD([
        {"params":net[0].weight,'weight_decay': wd},
        {"params":net[0].bias}], lr=lr)
    print(trainer)
    print(len(trainer.param_groups), trainer.param_groups[0]['weight_decay'], trainer.param_groups[1]['weight_decay'])
    for epoch in range(num_epochs):
        for X, y in train_iter:
            trainer.zero_grad()
            l = loss(net(X), y)
            l.mean().backward()
            trainer.step()
        if (epoch + 1) % 10 == 0:
            print(epoch + 1, f'{evaluate_loss(net, train_iter, loss):.4f}', f'{evaluate_loss(net, test_iter, loss):.4f}')
    # D2L prints all of .item()'s digits; nnrepl's 200-long dot products do not yet sum in MKL's order
    # (the last bits differ), so four decimals here.
    print('L2 norm of w:', f'{net[0].weight.norm().item():.4f}')

train_concise(0)
train_concise(3)
